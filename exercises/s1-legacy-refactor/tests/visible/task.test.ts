// Visible checks for Exercise 1.1: run them while you refactor; the hidden suite checks the rest.
import { describe, it, expect } from 'vitest';
import { BaseTimestampEntity, FixedClock, ValidationError } from '@practicum/reference';
import { Task } from '../../starter/src/task.ts';

describe('Task refactor (visible checks)', () => {
  it('extends BaseTimestampEntity', () => {
    const task = new Task({ id: 'task-1', title: 'Write the migration' }, { clock: new FixedClock('2025-03-01T09:00:00Z') });
    expect(task).toBeInstanceOf(BaseTimestampEntity);
  });

  it('takes both timestamps from the injected clock', () => {
    const task = new Task({ id: 'task-1', title: 'Write the migration' }, { clock: new FixedClock('2025-03-01T09:00:00Z') });
    expect(task.createdAt).toEqual(new Date('2025-03-01T09:00:00Z'));
    expect(task.updatedAt).toEqual(task.createdAt);
  });

  it('stores timestamps as UTC ISO-8601 strings', () => {
    const task = new Task({ id: 'task-1', title: 'Write the migration' }, { clock: new FixedClock('2025-03-01T09:00:00Z') });
    expect(task.toRecord().created_at).toBe('2025-03-01T09:00:00.000Z');
  });

  it('refuses a direct change to a blank title when the task is touched', () => {
    const task = new Task({ id: 'task-1', title: 'Write the migration' }, { clock: new FixedClock('2025-03-01T09:00:00Z') });
    expect(task).toBeInstanceOf(BaseTimestampEntity);
    const entity = task as unknown as BaseTimestampEntity;
    task.title = '';
    expect(() => entity.touch('title_changed')).toThrow(ValidationError);
    expect(task.updatedAt).toEqual(new Date('2025-03-01T09:00:00Z'));
  });
});
