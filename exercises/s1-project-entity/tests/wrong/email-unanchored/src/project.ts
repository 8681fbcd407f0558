// Wrong: the email pattern is not anchored, so "call me at dev@company.com" is accepted as an owner.
// Project entity (Exercise 1.2): name, description and owner on top of BaseTimestampEntity.
// Timestamps, UTC and update events come from the base class; this class owns only its fields and rules.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export interface ProjectProps {
  id: string;
  name: string;
  description?: string;
  owner?: string;
}

export const MAX_NAME_LENGTH = 100;
// Deliberately simple: one "@", something before it, a dot somewhere after it, no spaces.
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

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

  rename(name: string): void {
    const previous = this.name;
    this.name = name;
    this.touchOrRollBack('name_updated', () => {
      this.name = previous;
    });
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

  // touch() validates before it changes anything; if the new value is invalid we also put the
  // field back, so a rejected change leaves the project exactly as it was.
  private touchOrRollBack(reason: string, rollBack: () => void): void {
    try {
      this.touch(reason);
    } catch (error) {
      rollBack();
      throw error;
    }
  }
}
