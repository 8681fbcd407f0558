// Task model as it was ported line by line from the legacy Python OldTask: the class keeps its own
// timestamp logic (local server time, nullable updatedAt, zone-less strings in the database).
// The public API below (constructor, rename, changeStatus, toRecord, fromRecord) is what the rest of
// the code base calls; keep it while you move the timestamp handling onto BaseTimestampEntity.
import type { Clock, EntityInit } from '@practicum/reference';

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

export class Task {
  readonly id: string;
  title: string;
  status: TaskStatus;
  createdAt: Date;
  updatedAt: Date | null;

  // The second parameter is what BaseTimestampEntity's constructor takes; the legacy body ignores it.
  constructor(props: TaskProps, _init: EntityInit = {}) {
    this.id = props.id;
    this.title = props.title;
    this.status = props.status ?? 'todo';
    this.createdAt = new Date(); // whatever the server's clock says
    this.updatedAt = null; // "not updated yet"
  }

  updateTimestamp(): void {
    this.updatedAt = new Date();
  }

  rename(title: string): void {
    this.title = title;
    this.updateTimestamp();
  }

  changeStatus(status: TaskStatus): void {
    this.status = status;
    this.updateTimestamp();
  }

  toRecord(): TaskRecord {
    return {
      id: this.id,
      title: this.title,
      status: this.status,
      created_at: toDatabaseTime(this.createdAt),
      updated_at: this.updatedAt === null ? null : toDatabaseTime(this.updatedAt),
    };
  }

  static fromRecord(record: TaskRecord, _clock?: Clock): Task {
    const task = new Task({ id: record.id, title: record.title, status: record.status as TaskStatus });
    task.createdAt = fromDatabaseTime(record.created_at);
    task.updatedAt = record.updated_at === null ? null : fromDatabaseTime(record.updated_at);
    return task;
  }
}

// "YYYY-MM-DD HH:MM:SS" in the server's local time, as the old DATETIME column expects.
function toDatabaseTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

// Parses what toDatabaseTime wrote; a string without a zone is read as local time.
function fromDatabaseTime(value: string): Date {
  return new Date(value.replace(' ', 'T'));
}
