// Wrong: detects unknown ids by comparing counts, so a {{Entity|lower}} listed twice fails the update with NotFoundError.
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
    if ({{Entity|camel}}Ids.length === 0) return {{Nothing}};
    const {{Entities|camel}} = await this.#repository.{{LoadMany}}({{Entity|camel}}Ids);
    if ({{Entities|camel}}.length !== {{Entity|camel}}Ids.length) throw new NotFoundError(`${{{Entity|camel}}Ids.length - {{Entities|camel}}.length} of the listed {{Entities|lower}} do not exist`);
    const toChange = {{Entities|camel}}.filter(({{Entity|camel}}) => {{Entity|camel}}.status !== status);
    const refused = toChange.filter(({{Entity|camel}}) => !{{Entity|camel}}.canMoveTo(status));
    if (refused.length > 0) throw new ValidationError(`Cannot move ${refused.map((p) => p.id).join(', ')} to "${status}"`, 'status');
    if (toChange.length === 0) return {{Nothing}};
    for (const {{Entity|camel}} of toChange) {{Entity|camel}}.changeStatus(status);
    await this.#repository.{{SaveMany}}(toChange);
    return {{^ReturnsIds}}toChange.length{{/ReturnsIds}}{{#ReturnsIds}}toChange.map(({{Entity|camel}}) => {{Entity|camel}}.id){{/ReturnsIds}};
  }
}
