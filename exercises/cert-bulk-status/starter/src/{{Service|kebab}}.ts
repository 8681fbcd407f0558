// {{Method|snake}} from the {{Board}}, ported as it was: every {{Entity|lower}} costs a query,
// a save and a publish of its own. {{Occasions|pascal}} move a few hundred {{Entities|lower}} at once.
{{^OwnRepository}}import type { TimestampRepository } from '@practicum/reference';
import type { {{Entity}}, {{Entity}}Status } from './{{Entity|kebab}}.ts';
{{/OwnRepository}}{{#OwnRepository}}import type { {{Repository}}, {{Entity}}Status } from './{{Entity|kebab}}.ts';
{{/OwnRepository}}
export class {{Service}} {
  readonly #repository: {{Repository}};

  constructor(repository: {{Repository}}) {
    this.#repository = repository;
  }

  /**
   * Moves every listed {{Entity|lower}} to `status` and returns {{^ReturnsIds}}how many actually changed{{/ReturnsIds}}{{#ReturnsIds}}the ids of those that actually changed{{/ReturnsIds}} ({{Entities|lower}} already
   * at that status are left alone). All or nothing: an unknown id or a refused move fails it all.
   */
  async {{Method}}({{Entity|camel}}Ids: readonly string[], status: {{Entity}}Status): Promise<{{Returns}}> {
    {{^ReturnsIds}}let changed = 0;{{/ReturnsIds}}{{#ReturnsIds}}const changed: string[] = [];{{/ReturnsIds}}
    for (const id of {{Entity|camel}}Ids) {
      const {{Entity|camel}} = await this.#repository.{{GetOne}}(id); // one query per {{Entity|lower}}
      if ({{Entity|camel}}.status === status) continue;
      {{Entity|camel}}.changeStatus(status);
      await this.#repository.{{SaveOne}}({{Entity|camel}}); // one save, and one publish per event, per {{Entity|lower}}
      {{^ReturnsIds}}changed += 1;{{/ReturnsIds}}{{#ReturnsIds}}changed.push(id);{{/ReturnsIds}}
    }
    return changed;
  }
}
