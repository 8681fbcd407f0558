// Wrong: bulk-saves every listed {{Entity|lower}}, so those already at the status get a new updatedAt and an event too.
{{^OwnRepository}}import { NotFoundError, ValidationError, type TimestampRepository } from '@practicum/reference';
import type { {{Entity}}, {{Entity}}Status } from './{{Entity|kebab}}.ts';
{{/OwnRepository}}{{#OwnRepository}}import { NotFoundError, ValidationError } from '@practicum/reference';
import type { {{Repository}}, {{Entity}}Status } from './{{Entity|kebab}}.ts';
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
    const ids = [...new Set({{Entity|camel}}Ids)];
{{#RefuseDuplicates}}    if (ids.length !== {{Entity|camel}}Ids.length) throw new ValidationError('A {{Entity|lower}} id is listed more than once', '{{Entity|camel}}Ids');
{{/RefuseDuplicates}}    if (ids.length === 0) return {{Nothing}};
    const {{Entities|camel}} = await this.#repository.{{LoadMany}}(ids);
    const found = new Set({{Entities|camel}}.map(({{Entity|camel}}) => {{Entity|camel}}.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFoundError(`Unknown {{Entity|lower}} ids: ${missing.join(', ')}`);
    const toChange = {{Entities|camel}}.filter(({{Entity|camel}}) => {{Entity|camel}}.status !== status);
    const refused = toChange.filter(({{Entity|camel}}) => !{{Entity|camel}}.canMoveTo(status));
    if (refused.length > 0) throw new ValidationError(`Cannot move ${refused.map((p) => p.id).join(', ')} to "${status}"`, 'status');
    for (const {{Entity|camel}} of toChange) {{Entity|camel}}.changeStatus(status);
    await this.#repository.{{SaveMany}}({{Entities|camel}});
    return {{^ReturnsIds}}toChange.length{{/ReturnsIds}}{{#ReturnsIds}}toChange.map(({{Entity|camel}}) => {{Entity|camel}}.id){{/ReturnsIds}};
  }
}
