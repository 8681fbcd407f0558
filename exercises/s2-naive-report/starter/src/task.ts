// Task entity used by the Session-2 troubleshooting exercises (read-only): a title and a status on
// top of BaseTimestampEntity.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export type TaskStatus = 'todo' | 'in_progress' | 'done';
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'done'];

export interface TaskProps {
  id: string;
  title: string;
  status?: TaskStatus;
}

export class Task extends BaseTimestampEntity {
  readonly id: string;
  title: string;
  status: TaskStatus;

  constructor(props: TaskProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.title = props.title;
    this.status = props.status ?? 'todo';
    this.validate();
  }

  /** Sets the status and records the change with the reason 'status_changed'. */
  changeStatus(status: TaskStatus): void {
    const previous = this.status;
    this.status = status;
    try {
      this.touch('status_changed');
    } catch (error) {
      this.status = previous;
      throw error;
    }
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.title.trim() === '') throw new ValidationError('Task title is required', 'title');
    if (!TASK_STATUSES.includes(this.status)) {
      throw new ValidationError(`Invalid status "${String(this.status)}"`, 'status');
    }
  }
}
