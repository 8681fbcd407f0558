// Wrong: fromRecord() drops the clock it is given, so a task read from a row stamps its later changes with the computer's time.
import { BaseTimestampEntity, ValidationError, type Clock, type EntityInit } from '@practicum/reference';

export type TaskStatus = 'todo' | 'in_progress' | 'done';
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'done'];
export const MAX_TITLE_LENGTH = 200;

export interface TaskProps {
  id: string;
  title: string;
  status?: TaskStatus;
}

/** A row of the tasks table. Old rows may have no updated_at. */
export interface TaskRecord {
  id: string;
  title: string;
  status: string;
  created_at: string;
  updated_at: string | null;
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

  rename(title: string): void {
    const previous = this.title;
    this.title = title;
    this.touchOrRollBack('title_changed', () => {
      this.title = previous;
    });
  }

  changeStatus(status: TaskStatus): void {
    const previous = this.status;
    this.status = status;
    this.touchOrRollBack('status_changed', () => {
      this.status = previous;
    });
  }

  /** Timestamps are stored as UTC ISO-8601 strings, so every reader gets the same instant. */
  toRecord(): TaskRecord {
    return {
      id: this.id,
      title: this.title,
      status: this.status,
      created_at: this.createdAt.toISOString(),
      updated_at: this.updatedAt.toISOString(),
    };
  }

  /**
   * Rebuilds a stored task. The base class rejects zone-less strings (NaiveDateError) instead of
   * guessing the server's zone, and a legacy row without updated_at gets updatedAt = createdAt.
   */
  static fromRecord(record: TaskRecord, _clock?: Clock): Task {
    const stamps: EntityInit =
      record.updated_at === null
        ? { createdAt: record.created_at }
        : { createdAt: record.created_at, updatedAt: record.updated_at };
    const props: TaskProps = { id: record.id, title: record.title, status: record.status as TaskStatus };
    return new Task(props, stamps);
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.title.trim() === '') {
      throw new ValidationError('Task title is required', 'title');
    }
    if (this.title.length > MAX_TITLE_LENGTH) {
      throw new ValidationError(`Task title must be at most ${MAX_TITLE_LENGTH} characters (got ${this.title.length})`, 'title');
    }
    if (!TASK_STATUSES.includes(this.status)) {
      throw new ValidationError(`Invalid status "${String(this.status)}"; use one of ${TASK_STATUSES.join(', ')}`, 'status');
    }
  }

  // A rejected change puts the field back, so the task stays exactly as it was.
  private touchOrRollBack(reason: string, rollBack: () => void): void {
    try {
      this.touch(reason);
    } catch (error) {
      rollBack();
      throw error;
    }
  }
}
