// {{Entity}} entity of the {{Board}} (read-only): a {{NameField}} and a status. {{FinalArticle|pascal}} {{Final}} {{Entity|lower}} is
// final: it can no longer move to another status.{{#OwnRepository}} {{Repository}} is the {{Board}}'s repository of them.{{/OwnRepository}}
import { BaseTimestampEntity, ValidationError, type EntityInit{{#OwnRepository}}, type TimestampRepository{{/OwnRepository}} } from '@practicum/reference';

export type {{Entity}}Status = '{{Initial}}' | '{{Target}}' | '{{Other}}' | '{{Final}}';
export const {{Entity|constant}}_STATUSES: readonly {{Entity}}Status[] = ['{{Initial}}', '{{Target}}', '{{Other}}', '{{Final}}'];

export interface {{Entity}}Props {
  id: string;
  {{NameField}}: string;
  status?: {{Entity}}Status;
}

export class {{Entity}} extends BaseTimestampEntity {
  readonly id: string;
  {{NameField}}: string;
  #status: {{Entity}}Status;

  constructor(props: {{Entity}}Props, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.{{NameField}} = props.{{NameField}};
    this.#status = props.status ?? '{{Initial}}';
    this.validate();
  }

  get status(): {{Entity}}Status {
    return this.#status;
  }

  /** Whether changeStatus(status) would be accepted. */
  canMoveTo(status: {{Entity}}Status): boolean {
    return {{Entity|constant}}_STATUSES.includes(status) && (this.#status !== '{{Final}}' || status === '{{Final}}');
  }

  /** Moves the {{Entity|lower}} to `status`, recorded with the reason 'status_update'. */
  changeStatus(status: {{Entity}}Status): void {
    if (!this.canMoveTo(status)) {
      throw new ValidationError(`{{Entity}} ${this.id} cannot move from "${this.#status}" to "${String(status)}"`, 'status');
    }
    const previous = this.#status;
    this.#status = status;
    try {
      this.touch('status_update');
    } catch (error) {
      this.#status = previous;
      throw error;
    }
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.{{NameField}}.trim() === '') throw new ValidationError('{{Entity}} {{NameField}} is required', '{{NameField}}');
    if (!{{Entity|constant}}_STATUSES.includes(this.#status)) throw new ValidationError(`Invalid status "${String(this.#status)}"`, 'status');
  }
}
{{#OwnRepository}}
/**
 * Where the {{Board}} keeps its {{Entities|lower}}: the course's repository under the {{Board}}'s names. Each
 * call is one round trip to the storage, whatever the number of {{Entities|lower}} it carries.
 */
export class {{Repository}} {
  readonly #repository: TimestampRepository<{{Entity}}>;

  constructor(repository: TimestampRepository<{{Entity}}>) {
    this.#repository = repository;
  }

  /** The {{Entity|lower}} with this id, or null when there is none (one query). */
  {{FindOne}}(id: string): Promise<{{Entity}} | null> {
    return this.#repository.findById(id);
  }

  /** The {{Entity|lower}} with this id; NotFoundError when there is none (one query). */
  {{GetOne}}(id: string): Promise<{{Entity}}> {
    return this.#repository.getById(id);
  }

  /** The {{Entities|lower}} with these ids, in one query; ids with no {{Entity|lower}} are skipped. */
  {{LoadMany}}(ids: readonly string[]): Promise<{{Entity}}[]> {
    return this.#repository.findByIds(ids);
  }

  /** Stores one {{Entity|lower}}, stamped with its own instant, and publishes its events one `publish` at a time. */
  {{SaveOne}}({{Entity|camel}}: {{Entity}}): Promise<void> {
    return this.#repository.save({{Entity|camel}});
  }

  /**
   * Stores the {{Entities|lower}} in one write: validates every one first, stamps them all with one batch
   * instant and publishes all their events with one `publishBatch`.
   */
  {{SaveMany}}({{Entities|camel}}: readonly {{Entity}}[]): Promise<void> {
    return this.#repository.bulkSave({{Entities|camel}});
  }
}
{{/OwnRepository}}