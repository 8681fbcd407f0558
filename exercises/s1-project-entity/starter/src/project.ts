// Project entity (Exercise 1.2). The fields and method names are fixed; the rules are yours to write.
// Timestamps, UTC handling and update events come from BaseTimestampEntity: do not re-implement them.
import { BaseTimestampEntity, type EntityInit } from '@practicum/reference';

export interface ProjectProps {
  id: string;
  name: string;
  description?: string;
  owner?: string;
}

export const MAX_NAME_LENGTH = 100;

export class Project extends BaseTimestampEntity {
  readonly id: string;
  name: string;
  description: string;
  owner: string | undefined;

  constructor(props: ProjectProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.name = props.name;
    this.description = props.description ?? '';
    this.owner = props.owner;
  }

  /** Changes the name; recorded with the reason 'name_updated'. */
  rename(name: string): void {
    this.name = name;
  }

  /** Changes or removes the owner; recorded with the reason 'owner_changed'. */
  changeOwner(owner: string | undefined): void {
    this.owner = owner;
  }

  /** Replaces the description; recorded with the reason 'description_updated'. */
  describe(description: string): void {
    this.description = description;
  }

  /** The id that events and repositories use for this project. */
  protected getEntityId(): string {
    return '';
  }

  /** Throw a ValidationError (with the field name) when a rule is broken. */
  protected validateEntity(): void {}
}
