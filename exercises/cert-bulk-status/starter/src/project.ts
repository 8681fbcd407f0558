// Project entity of the portfolio board (read-only): a name and a status. An archived project is
// final: it can no longer move to another status.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export type ProjectStatus = 'active' | 'on_hold' | 'completed' | 'archived';
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['active', 'on_hold', 'completed', 'archived'];

export interface ProjectProps {
  id: string;
  name: string;
  status?: ProjectStatus;
}

export class Project extends BaseTimestampEntity {
  readonly id: string;
  name: string;
  #status: ProjectStatus;

  constructor(props: ProjectProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.name = props.name;
    this.#status = props.status ?? 'active';
    this.validate();
  }

  get status(): ProjectStatus {
    return this.#status;
  }

  /** Whether changeStatus(status) would be accepted. */
  canMoveTo(status: ProjectStatus): boolean {
    return PROJECT_STATUSES.includes(status) && (this.#status !== 'archived' || status === 'archived');
  }

  /** Moves the project to `status`, recorded with the reason 'status_update'. */
  changeStatus(status: ProjectStatus): void {
    if (!this.canMoveTo(status)) {
      throw new ValidationError(`Project ${this.id} cannot move from "${this.#status}" to "${String(status)}"`, 'status');
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
    if (this.name.trim() === '') throw new ValidationError('Project name is required', 'name');
    if (!PROJECT_STATUSES.includes(this.#status)) throw new ValidationError(`Invalid status "${String(this.#status)}"`, 'status');
  }
}
