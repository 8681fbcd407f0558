// Hidden suite for Exercise 1.1: the legacy Task, refactored onto BaseTimestampEntity, keeps its
// public API while timestamps, events and zone checks come from the base class.
import { describe, it, expect } from 'vitest';
import {
  BaseTimestampEntity,
  FixedClock,
  NaiveDateError,
  TimestampUpdatedEvent,
  ValidationError,
} from '@practicum/reference';
import { Task, type TaskRecord, type TaskStatus } from '../../starter/src/task.ts';

const START = '2025-03-01T09:00:00Z';

// The legacy class is not a BaseTimestampEntity yet, so the entity API is reached through this check.
function asEntity(task: Task): BaseTimestampEntity {
  expect(task, 'Task must extend BaseTimestampEntity').toBeInstanceOf(BaseTimestampEntity);
  return task as unknown as BaseTimestampEntity;
}

function newTask(clock = new FixedClock(START)): Task {
  return new Task({ id: 'task-1', title: 'Write the migration' }, { clock });
}

function updateReasons(task: Task): string[] {
  return asEntity(task)
    .getDomainEvents()
    .filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent)
    .map((e) => e.reason);
}

function fieldOfValidationError(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

function row(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: 'task-1',
    title: 'Write the migration',
    status: 'in_progress',
    created_at: '2025-03-01T09:00:00.000Z',
    updated_at: '2025-03-02T14:30:00.000Z',
    ...overrides,
  };
}

describe('1. Built on BaseTimestampEntity', () => {
  it('extends BaseTimestampEntity', () => {
    expect(newTask()).toBeInstanceOf(BaseTimestampEntity);
  });

  it('takes createdAt from the injected clock', () => {
    expect(newTask().createdAt).toEqual(new Date(START));
  });

  it('starts with updatedAt equal to createdAt, never null', () => {
    const task = newTask();
    expect(task.updatedAt).not.toBeNull();
    expect(task.updatedAt).toEqual(task.createdAt);
  });

  it('uses the task id as the entity id', () => {
    expect(asEntity(newTask()).entityId).toBe('task-1');
  });

  it('no longer keeps its own updateTimestamp()', () => {
    expect('updateTimestamp' in newTask()).toBe(false);
  });

  it('does not let callers reassign createdAt', () => {
    const task = newTask();
    Reflect.set(task, 'createdAt', new Date('2000-01-01T00:00:00Z'));
    expect(task.createdAt).toEqual(new Date(START));
  });
});

describe('2. Rules', () => {
  it('rejects an empty or blank title on the title field', () => {
    const clock = new FixedClock(START);
    expect(fieldOfValidationError(() => new Task({ id: 't', title: '' }, { clock }))).toBe('title');
    expect(fieldOfValidationError(() => new Task({ id: 't', title: '  ' }, { clock }))).toBe('title');
  });

  it('rejects a title longer than 200 characters', () => {
    const clock = new FixedClock(START);
    expect(new Task({ id: 't', title: 'x'.repeat(200) }, { clock }).title).toHaveLength(200);
    expect(fieldOfValidationError(() => new Task({ id: 't', title: 'x'.repeat(201) }, { clock }))).toBe('title');
  });

  it('rejects an unknown status', () => {
    const status = 'archived' as TaskStatus;
    expect(fieldOfValidationError(() => new Task({ id: 't', title: 'Ship it', status }, { clock: new FixedClock(START) }))).toBe('status');
  });
});

describe('3. Changes go through touch()', () => {
  it("rename moves updatedAt to the clock time and records 'title_changed'", () => {
    const clock = new FixedClock(START);
    const task = newTask(clock);
    clock.advance(90_000);
    task.rename('Write and run the migration');
    expect(task.title).toBe('Write and run the migration');
    expect(task.updatedAt).toEqual(new Date('2025-03-01T09:01:30Z'));
    expect(updateReasons(task)).toEqual(['title_changed']);
  });

  it("changeStatus records 'status_changed' and keeps createdAt", () => {
    const clock = new FixedClock(START);
    const task = newTask(clock);
    clock.advance(1_000);
    task.changeStatus('done');
    expect(task.status).toBe('done');
    expect(task.createdAt).toEqual(new Date(START));
    expect(task.updatedAt).toEqual(new Date('2025-03-01T09:00:01Z'));
    expect(updateReasons(task)).toEqual(['status_changed']);
  });

  it('a rejected rename leaves title, updatedAt and events unchanged', () => {
    const clock = new FixedClock(START);
    const task = newTask(clock);
    clock.advance(1_000);
    expect(fieldOfValidationError(() => task.rename(''))).toBe('title');
    expect(task.title).toBe('Write the migration');
    expect(task.updatedAt).toEqual(new Date(START));
    expect(updateReasons(task)).toEqual([]);
  });
});

describe('4. Stored rows', () => {
  it('toRecord writes both timestamps as UTC ISO-8601 strings', () => {
    const clock = new FixedClock(START);
    const task = newTask(clock);
    clock.advance(60_000);
    task.changeStatus('in_progress');
    expect(task.toRecord()).toEqual({
      id: 'task-1',
      title: 'Write the migration',
      status: 'in_progress',
      created_at: '2025-03-01T09:00:00.000Z',
      updated_at: '2025-03-01T09:01:00.000Z',
    });
  });

  it('fromRecord restores exactly what toRecord wrote', () => {
    const task = Task.fromRecord(row(), new FixedClock(START));
    expect(task.createdAt).toEqual(new Date('2025-03-01T09:00:00Z'));
    expect(task.updatedAt).toEqual(new Date('2025-03-02T14:30:00Z'));
    expect(task.toRecord()).toEqual(row());
  });

  it('fromRecord reads a timestamp with an offset as the same instant', () => {
    const task = Task.fromRecord(row({ created_at: '2025-03-01T10:00:00+01:00', updated_at: null }));
    expect(task.createdAt).toEqual(new Date('2025-03-01T09:00:00Z'));
  });

  it('fromRecord rejects rows whose timestamps carry no time zone', () => {
    expect(() => Task.fromRecord(row({ created_at: '2025-03-01T09:00:00' }))).toThrow(NaiveDateError);
    expect(() => Task.fromRecord(row({ updated_at: '2025-03-02T14:30:00' }))).toThrow(NaiveDateError);
  });

  it('fromRecord gives an old row without updated_at an updatedAt equal to createdAt', () => {
    const task = Task.fromRecord(row({ updated_at: null }));
    expect(task.updatedAt).toEqual(new Date('2025-03-01T09:00:00Z'));
  });
});
