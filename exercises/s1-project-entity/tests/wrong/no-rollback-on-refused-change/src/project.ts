// Wrong: the change methods assign the new value and call touch() without keeping the old one, so a refused change leaves the invalid value in the project.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export interface ProjectProps {
  id: string;
  name: string;
  description?: string;
  owner?: string;
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

  rename(name: string): void {
    this.name = name;
    this.touch('name_updated');
  }

  changeOwner(owner: string | undefined): void {
    this.owner = owner;
    this.touch('owner_changed');
  }

  describe(description: string): void {
    this.description = description;
    this.touch('description_updated');
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.name.trim() === '') throw new ValidationError('Project name is required', 'name');
    if (this.name.length > MAX_NAME_LENGTH) throw new ValidationError(`Project name must be at most ${MAX_NAME_LENGTH} characters`, 'name');
    if (this.owner !== undefined && !EMAIL.test(this.owner)) throw new ValidationError(`Invalid owner email "${this.owner}"`, 'owner');
  }
}
