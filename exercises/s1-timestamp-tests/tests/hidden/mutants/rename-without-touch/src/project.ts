// Project entity under test (Exercise 1.3): fields, rules, recorded changes and the row format
// it is stored in. Timestamps, UTC and update events come from BaseTimestampEntity.
import { BaseTimestampEntity, ValidationError, type Clock, type EntityInit } from '@practicum/reference';

export interface ProjectProps {
  id: string;
  name: string;
  description?: string;
  owner?: string;
}

/** How a project is stored: timestamps as ISO-8601 strings in UTC ("...Z"). */
export interface ProjectRecord {
  id: string;
  name: string;
  description: string;
  owner: string | null;
  createdAt: string;
  updatedAt: string;
}

export const MAX_NAME_LENGTH = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
    this.validate();
  }

  /** Rebuilds a stored project; timestamps without a time zone are rejected (NaiveDateError). */
  static fromRecord(record: ProjectRecord, clock?: Clock): Project {
    const props: ProjectProps =
      record.owner === null
        ? { id: record.id, name: record.name, description: record.description }
        : { id: record.id, name: record.name, description: record.description, owner: record.owner };
    const stamps = { createdAt: record.createdAt, updatedAt: record.updatedAt };
    return new Project(props, clock === undefined ? stamps : { ...stamps, clock });
  }

  toRecord(): ProjectRecord {
    return {
      id: this.id,
      name: this.name,
      description: this.description,
      owner: this.owner ?? null,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }

  rename(name: string): void {
    const previous = this.name;
    this.name = name;
    try {
      this.validate();
    } catch (error) {
      this.name = previous;
      throw error;
    }
  }

  changeOwner(owner: string | undefined): void {
    const previous = this.owner;
    this.owner = owner;
    this.touchOrRollBack('owner_changed', () => {
      this.owner = previous;
    });
  }

  describe(description: string): void {
    const previous = this.description;
    this.description = description;
    this.touchOrRollBack('description_updated', () => {
      this.description = previous;
    });
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.name.trim() === '') {
      throw new ValidationError('Project name is required', 'name');
    }
    if (this.name.length > MAX_NAME_LENGTH) {
      throw new ValidationError(`Project name must be at most ${MAX_NAME_LENGTH} characters (got ${this.name.length})`, 'name');
    }
    if (this.owner !== undefined && !EMAIL.test(this.owner)) {
      throw new ValidationError(`Project owner must be an email address, got "${this.owner}"`, 'owner');
    }
  }

  // A rejected change puts the field back, so the project stays exactly as it was.
  private touchOrRollBack(reason: string, rollBack: () => void): void {
    try {
      this.touch(reason);
    } catch (error) {
      rollBack();
      throw error;
    }
  }
}
