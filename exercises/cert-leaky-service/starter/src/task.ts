// Task entity of the daily worker (read-only): a title and how often the task recurs.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export type Recurrence = 'daily' | 'weekly' | 'once';

export interface TaskProps {
  id: string;
  title: string;
  recurrence: Recurrence;
}

export class Task extends BaseTimestampEntity {
  readonly id: string;
  title: string;
  recurrence: Recurrence;

  constructor(props: TaskProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.title = props.title;
    this.recurrence = props.recurrence;
    this.validate();
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.title.trim() === '') throw new ValidationError('Task title is required', 'title');
  }
}
