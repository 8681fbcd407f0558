// Wrong: the title and status rules are checked in the constructor, rename() and changeStatus() only; validateEntity() is empty, so `task.title = ''` followed by touch() or save() is accepted.
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

function checkTitle(title: string): void {
  if (title.trim() === '') throw new ValidationError('Task title is required', 'title');
  if (title.length > MAX_TITLE_LENGTH) throw new ValidationError(`Task title must be at most ${MAX_TITLE_LENGTH} characters`, 'title');
}

function checkStatus(status: string): void {
  if (!(TASK_STATUSES as readonly string[]).includes(status)) throw new ValidationError(`Invalid status "${status}"`, 'status');
}

export class Task extends BaseTimestampEntity {
  readonly id: string;
  title: string;
  status: TaskStatus;

  constructor(props: TaskProps, init?: EntityInit) {
    super(init);
    const status = props.status ?? 'todo';
    checkTitle(props.title);
    checkStatus(status);
    this.id = props.id;
    this.title = props.title;
    this.status = status;
  }

  rename(title: string): void {
    checkTitle(title);
    this.title = title;
    this.touch('title_changed');
  }

  changeStatus(status: TaskStatus): void {
    checkStatus(status);
    this.status = status;
    this.touch('status_changed');
  }

  toRecord(): TaskRecord {
    return {
      id: this.id,
      title: this.title,
      status: this.status,
      created_at: this.createdAt.toISOString(),
      updated_at: this.updatedAt.toISOString(),
    };
  }

  static fromRecord(record: TaskRecord, clock?: Clock): Task {
    const stamps: EntityInit =
      record.updated_at === null ? { createdAt: record.created_at } : { createdAt: record.created_at, updatedAt: record.updated_at };
    const props: TaskProps = { id: record.id, title: record.title, status: record.status as TaskStatus };
    return new Task(props, clock === undefined ? stamps : { ...stamps, clock });
  }

  protected getEntityId(): string {
    return this.id;
  }

  // The constructor and the change methods already check every value.
  protected validateEntity(): void {}
}
