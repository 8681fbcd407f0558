// Hidden suite for Exercise 1.1: the legacy Task, refactored onto BaseTimestampEntity, keeps its
// public API while timestamps, events and zone checks come from the base class, and its rules hold
// on every path: creation, fromRecord(), a direct change followed by touch(), validate(), save()
// or bulkSave(), and the change methods.
import { describe, it, expect } from 'vitest';
import {
  BaseTimestampEntity,
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
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

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Writes a value straight into a field, as `task.title = ''` or a data mapper does. Returns false
 * when the task refused the write itself (a setter throwing a ValidationError on that field, or a
 * field that cannot be written), after checking the old value is still there.
 */
function writeDirectly(entity: object, field: string, value: unknown): boolean {
  const before: unknown = Reflect.get(entity, field);
  let written: boolean;
  try {
    written = Reflect.set(entity, field, value);
  } catch (error) {
    expect(error, `writing ${field}`).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    written = false;
  }
  if (!written) expect(Reflect.get(entity, field), `${field} after a refused write`).toEqual(before);
  return written;
}

const show = (value: unknown): string => (typeof value === 'string' && value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value));

/** A repository typed on the base class: the legacy Task only becomes an entity once refactored (see asEntity). */
function repositoryFor(clock: FixedClock): { bus: InMemoryEventBus; repository: InMemoryRepository<BaseTimestampEntity> } {
  const bus = new InMemoryEventBus();
  return { bus, repository: new InMemoryRepository<BaseTimestampEntity>({ eventBus: bus, clock }) };
}

/** One rule of the task: the broken values, as given on creation, in a stored row, or written into the field. */
interface Rule {
  /** What is broken, worded as part of a requirement. */
  what: string;
  field: 'title' | 'status';
  values: string[];
}

/** Every path a broken rule can take: creation and fromRecord(), touch() and validate(), save() and bulkSave(). */
function everyPath(rule: Rule): void {
  it(`${rule.what} is refused when a task is created or read back with fromRecord()`, () => {
    for (const value of rule.values) {
      const props = { id: 't', title: 'Ship it', status: 'todo' as TaskStatus, [rule.field]: value };
      expect(fieldOfValidationError(() => new Task(props, { clock: new FixedClock(START) })), `new task, ${rule.field} ${show(value)}`).toBe(rule.field);
      expect(fieldOfValidationError(() => Task.fromRecord(row({ [rule.field]: value }), new FixedClock(START))), `fromRecord, ${rule.field} ${show(value)}`).toBe(rule.field);
    }
  });

  it(`a direct change to ${rule.what} is refused by touch() and validate(), leaving updatedAt and events as they were`, () => {
    for (const value of rule.values) {
      const task = newTask();
      const entity = asEntity(task);
      const updatedAt = task.updatedAt;
      if (!writeDirectly(task, rule.field, value)) continue;
      expect(fieldOfValidationError(() => entity.touch('edited')), `touch() after ${rule.field} = ${show(value)}`).toBe(rule.field);
      expect(task.updatedAt, `updatedAt after a refused touch(), ${rule.field} = ${show(value)}`).toEqual(updatedAt);
      expect(entity.getDomainEvents(), `events after a refused touch(), ${rule.field} = ${show(value)}`).toHaveLength(0);
      expect(fieldOfValidationError(() => entity.validate()), `validate() after ${rule.field} = ${show(value)}`).toBe(rule.field);
    }
  });

  it(`a direct change to ${rule.what} is refused by save() and bulkSave(), which store and publish nothing`, async () => {
    for (const value of rule.values) {
      const clock = new FixedClock(START);
      const label = `${rule.field} = ${show(value)}`;
      const { bus, repository } = repositoryFor(clock);
      const fresh = newTask(clock);
      if (!writeDirectly(fresh, rule.field, value)) continue;
      const onSave = await rejectionOf(repository.save(asEntity(fresh)));
      expect(onSave, `save() of a new task, ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe(rule.field);
      const other = asEntity(new Task({ id: 'task-2', title: 'Review the migration' }, { clock }));
      const onBulk = await rejectionOf(repository.bulkSave([other, asEntity(fresh)]));
      expect(onBulk, `bulkSave() with a new task, ${label}`).toBeInstanceOf(ValidationError);
      expect((onBulk as ValidationError).field).toBe(rule.field);
      expect(repository.size, `stored tasks, ${label}`).toBe(0);
      expect(bus.published, `published events, ${label}`).toEqual([]);

      const stored = Task.fromRecord(row(), clock);
      await repository.save(asEntity(stored));
      writeDirectly(stored, rule.field, value);
      expect(await rejectionOf(repository.save(asEntity(stored))), `save() of a stored task, ${label}`).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(repository.bulkSave([asEntity(stored)])), `bulkSave() of a stored task, ${label}`).toBeInstanceOf(ValidationError);
      expect(bus.published, `published events after the stored task was refused, ${label}`).toEqual([]);
    }
  });
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

  it('starts with updatedAt equal to createdAt, never null, also in its stored row', () => {
    const task = newTask();
    expect(task.updatedAt).not.toBeNull();
    expect(task.updatedAt).toEqual(task.createdAt);
    expect(task.toRecord().updated_at).toBe('2025-03-01T09:00:00.000Z');
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

describe('3. Rules on every path', () => {
  everyPath({ what: 'a blank title (empty or spaces only)', field: 'title', values: ['', '   ', '\n\t'] });
  everyPath({ what: 'a title longer than 200 characters', field: 'title', values: ['x'.repeat(201), 'x'.repeat(500)] });
  everyPath({ what: 'a status other than todo, in_progress or done', field: 'status', values: ['archived', 'DONE', 'in progress', ''] });
});

describe('4. Changes go through touch()', () => {
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

describe('5. Refused changes', () => {
  it('a rejected changeStatus leaves status, updatedAt and events unchanged', () => {
    const clock = new FixedClock(START);
    const task = newTask(clock);
    clock.advance(1_000);
    expect(fieldOfValidationError(() => task.changeStatus('archived' as TaskStatus))).toBe('status');
    expect(task.status).toBe('todo');
    expect(task.updatedAt).toEqual(new Date(START));
    expect(updateReasons(task)).toEqual([]);
  });

  it('a change refused because another field is broken leaves the task exactly as it was', () => {
    const clock = new FixedClock(START);
    const task = newTask(clock);
    clock.advance(1_000);
    if (writeDirectly(task, 'title', ' ')) {
      expect(fieldOfValidationError(() => task.changeStatus('done')), 'changeStatus() while the title is blank').toBe('title');
      expect(task.status).toBe('todo');
    }
    const other = newTask(clock);
    if (writeDirectly(other, 'status', 'archived')) {
      expect(fieldOfValidationError(() => other.rename('Run the migration')), 'rename() while the status is unknown').toBe('status');
      expect(other.title).toBe('Write the migration');
    }
    expect(updateReasons(task)).toEqual([]);
    expect(updateReasons(other)).toEqual([]);
  });

  it('keeps updatedAt strictly increasing when two changes happen at the same clock instant', () => {
    const task = newTask();
    task.rename('Write and run the migration');
    task.changeStatus('in_progress');
    expect(task.updatedAt).toEqual(new Date('2025-03-01T09:00:00.002Z'));
    expect(updateReasons(task)).toEqual(['title_changed', 'status_changed']);
  });
});

describe('6. Stored rows', () => {
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

  it('fromRecord rejects rows whose timestamps carry no time zone, including the legacy "YYYY-MM-DD HH:MM:SS" format', () => {
    for (const naive of ['2025-03-01T09:00:00', '2025-03-01 09:00:00', '2025-03-01T09:00', '2025-03-01']) {
      expect(() => Task.fromRecord(row({ created_at: naive, updated_at: null })), `created_at "${naive}"`).toThrow(NaiveDateError);
      expect(() => Task.fromRecord(row({ updated_at: naive.replace('03-01', '03-02') })), `updated_at "${naive}"`).toThrow(NaiveDateError);
    }
  });

  it('fromRecord writes rows read with an offset back as UTC', () => {
    const task = Task.fromRecord(row({ created_at: '2025-03-01T10:00:00+01:00', updated_at: '2025-03-02T09:30:00-05:00' }), new FixedClock(START));
    expect(task.toRecord()).toEqual(row({ created_at: '2025-03-01T09:00:00.000Z', updated_at: '2025-03-02T14:30:00.000Z' }));
  });

  it('fromRecord uses the given clock for later changes', () => {
    const clock = new FixedClock('2025-03-05T10:00:00Z');
    const task = Task.fromRecord(row(), clock);
    clock.advance(30_000);
    task.changeStatus('done');
    expect(task.updatedAt).toEqual(new Date('2025-03-05T10:00:30Z'));
    expect(task.createdAt).toEqual(new Date('2025-03-01T09:00:00Z'));
  });

  it('a stored task changed while the clock lags behind its updatedAt still moves updatedAt forward', () => {
    const task = Task.fromRecord(row(), new FixedClock('2025-03-01T12:00:00Z'));
    task.rename('Write and run the migration');
    expect(task.updatedAt).toEqual(new Date('2025-03-02T14:30:00.001Z'));
  });

  it('saving a task read with fromRecord publishes no TimestampCreated, only its recorded changes', async () => {
    const clock = new FixedClock('2025-03-05T10:00:00Z');
    const { bus, repository } = repositoryFor(clock);
    const task = Task.fromRecord(row(), clock);
    await repository.save(asEntity(task));
    task.changeStatus('done');
    await repository.save(asEntity(task));
    expect(bus.published.map((e) => e.type)).toEqual(['TimestampUpdated']);
  });

  it('fromRecord gives an old row without updated_at an updatedAt equal to createdAt', () => {
    const task = Task.fromRecord(row({ updated_at: null }));
    expect(task.updatedAt).toEqual(new Date('2025-03-01T09:00:00Z'));
  });
});
