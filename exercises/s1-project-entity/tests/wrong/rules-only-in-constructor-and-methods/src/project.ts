// Wrong: the rules are checked in the constructor and in rename()/changeOwner() only; validateEntity() is empty, so `project.name = ''; project.touch()` is accepted and save() stores an invalid project.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export interface ProjectProps {
  id: string;
  name: string;
  description?: string;
  owner?: string;
}

export const MAX_NAME_LENGTH = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkName(name: string): void {
  if (name.trim() === '') throw new ValidationError('Project name is required', 'name');
  if (name.length > MAX_NAME_LENGTH) throw new ValidationError(`Project name must be at most ${MAX_NAME_LENGTH} characters`, 'name');
}

function checkOwner(owner: string | undefined): void {
  if (owner !== undefined && !EMAIL.test(owner)) throw new ValidationError(`Project owner must be an email address, got "${owner}"`, 'owner');
}

export class Project extends BaseTimestampEntity {
  readonly id: string;
  name: string;
  description: string;
  owner: string | undefined;

  constructor(props: ProjectProps, init?: EntityInit) {
    super(init);
    checkName(props.name);
    checkOwner(props.owner);
    this.id = props.id;
    this.name = props.name;
    this.description = props.description ?? '';
    this.owner = props.owner;
  }

  /** Changes the name; recorded with the reason 'name_updated'. */
  rename(name: string): void {
    checkName(name);
    this.name = name;
    this.touch('name_updated');
  }

  /** Changes or removes the owner; recorded with the reason 'owner_changed'. */
  changeOwner(owner: string | undefined): void {
    checkOwner(owner);
    this.owner = owner;
    this.touch('owner_changed');
  }

  /** Replaces the description; recorded with the reason 'description_updated'. */
  describe(description: string): void {
    this.description = description;
    this.touch('description_updated');
  }

  protected getEntityId(): string {
    return this.id;
  }

  // Every value is checked where it comes in, so there is nothing left to check here.
  protected validateEntity(): void {}
}
