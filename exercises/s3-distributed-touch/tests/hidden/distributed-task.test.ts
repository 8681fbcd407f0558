// Hidden suite for the distributed-touch scenario: time comes from the coordinator, the touch()
// override keeps the base contract (validate first, strictly increasing, one event) and refuses a
// coordinator that is too far from the node's clock, and the title rule holds on every path
// (creation, rebuilding, a direct change followed by touch(), validate(), save() or bulkSave()).
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, TimestampUpdatedEvent, ValidationError } from '@practicum/reference';
import { ClockSkewError, type TimeCoordinator } from '../../starter/src/time-coordinator.ts';
import { DistributedTask } from '../../starter/src/distributed-task.ts';

const LOCAL = '2025-06-01T10:00:00.000Z';
const COORDINATED = '2025-06-01T10:00:02.000Z'; // 2 s ahead of this node: within the default 5 s

/** A coordinator whose instant the test sets, counting how often it is asked. */
class ScriptedCoordinator implements TimeCoordinator {
  calls = 0;
  #instant: Date;

  constructor(start: string) {
    this.#instant = new Date(start);
  }

  set(instant: string): void {
    this.#instant = new Date(instant);
  }

  now(): Date {
    this.calls += 1;
    return new Date(this.#instant);
  }
}

function setup(maxSkewMs?: number): { coordinator: ScriptedCoordinator; local: FixedClock; task: DistributedTask } {
  const coordinator = new ScriptedCoordinator(COORDINATED);
  const local = new FixedClock(LOCAL);
  const options = maxSkewMs === undefined ? { coordinator, localClock: local } : { coordinator, localClock: local, maxSkewMs };
  return { coordinator, local, task: new DistributedTask({ id: 'd-1', title: 'Replicate index' }, options) };
}

function updates(task: DistributedTask): TimestampUpdatedEvent[] {
  return task.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
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

function validationErrorOf(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

const BLANK_TITLES = ['', '   ', '\n\t'];

describe('1. Time comes from the coordinator', () => {
  it("stamps a new task with the coordinator's instant, not the local clock", () => {
    const { task } = setup();
    expect(task.createdAt).toEqual(new Date(COORDINATED));
    expect(task.updatedAt).toEqual(new Date(COORDINATED));
  });

  it("touch() moves updatedAt to the coordinator's instant", () => {
    const { coordinator, local, task } = setup();
    local.advance(60_000);
    coordinator.set('2025-06-01T10:01:03.000Z');
    task.touch('synced');
    expect(task.updatedAt).toEqual(new Date('2025-06-01T10:01:03.000Z'));
  });

  it('touch() records exactly one TimestampUpdated event with the old and new instants and the reason', () => {
    const { coordinator, local, task } = setup();
    local.advance(60_000);
    coordinator.set('2025-06-01T10:01:03.000Z');
    task.touch('synced');
    const events = updates(task);
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toBe('synced');
    expect(events[0]?.entityId).toBe('d-1');
    expect(events[0]?.oldTimestamp).toEqual(new Date(COORDINATED));
    expect(events[0]?.newTimestamp).toEqual(new Date('2025-06-01T10:01:03.000Z'));
  });

  it("touch() without a reason records 'entity_updated'", () => {
    const { coordinator, task } = setup();
    coordinator.set('2025-06-01T10:00:03.000Z');
    task.touch();
    expect(updates(task).map((e) => e.reason)).toEqual(['entity_updated']);
  });
});

describe('2. The touch() contract', () => {
  it('moves updatedAt 1 ms past its previous value when the coordinator lags behind it', () => {
    const { coordinator, task } = setup();
    coordinator.set('2025-06-01T10:00:01.500Z');
    task.touch('synced');
    expect(task.updatedAt).toEqual(new Date('2025-06-01T10:00:02.001Z'));
    expect(updates(task)).toHaveLength(1);
  });

  it('an invalid task throws a ValidationError and keeps its updatedAt and events', () => {
    const { coordinator, task } = setup();
    coordinator.set('2025-06-01T10:00:03.000Z');
    task.title = '';
    expect(() => task.touch('synced')).toThrow(ValidationError);
    expect(task.updatedAt).toEqual(new Date(COORDINATED));
    expect(task.getDomainEvents()).toHaveLength(0);
  });

  it('an invalid task does not ask the coordinator for time', () => {
    const { coordinator, task } = setup();
    const before = coordinator.calls;
    task.title = ' ';
    expect(() => task.touch('synced')).toThrow(ValidationError);
    expect(coordinator.calls).toBe(before);
  });

  it("rename() records the reason 'renamed', and a refused title is rolled back", () => {
    const { coordinator, task } = setup();
    coordinator.set('2025-06-01T10:00:03.000Z');
    task.rename('Rebuild index');
    expect(task.title).toBe('Rebuild index');
    expect(() => task.rename('  ')).toThrow(ValidationError);
    expect(task.title).toBe('Rebuild index');
    expect(updates(task).map((e) => e.reason)).toEqual(['renamed']);
  });
});

describe('3. The title rule on every path', () => {
  it('a blank title is refused when a task is created or rebuilt from stored data', () => {
    for (const title of BLANK_TITLES) {
      const coordinator = new ScriptedCoordinator(COORDINATED);
      const options = { coordinator, localClock: new FixedClock(LOCAL) };
      expect(validationErrorOf(() => new DistributedTask({ id: 'd-1', title }, options)).field, `new task, title ${JSON.stringify(title)}`).toBe('title');
      const rebuilt = (): DistributedTask => new DistributedTask({ id: 'd-1', title }, options, { createdAt: '2025-05-30T10:00:00Z' });
      expect(validationErrorOf(rebuilt).field, `rebuilt task, title ${JSON.stringify(title)}`).toBe('title');
    }
  });

  it('a direct change to a blank title is refused by touch() and validate(), leaving updatedAt and events as they were', () => {
    for (const title of BLANK_TITLES) {
      const { coordinator, task } = setup();
      coordinator.set('2025-06-01T10:00:03.000Z');
      task.title = title;
      expect(validationErrorOf(() => task.touch('synced')).field, `touch() after title = ${JSON.stringify(title)}`).toBe('title');
      expect(task.updatedAt).toEqual(new Date(COORDINATED));
      expect(task.getDomainEvents()).toHaveLength(0);
      expect(validationErrorOf(() => task.validate()).field, `validate() after title = ${JSON.stringify(title)}`).toBe('title');
    }
  });

  it('a direct change to a blank title is refused by save() and bulkSave(), which store and publish nothing', async () => {
    for (const title of BLANK_TITLES) {
      const label = `title = ${JSON.stringify(title)}`;
      const { coordinator, local, task } = setup();
      const bus = new InMemoryEventBus();
      const repository = new InMemoryRepository<DistributedTask>({ eventBus: bus, clock: local });
      task.title = title;
      const onSave = await rejectionOf(repository.save(task));
      expect(onSave, `save() of a new task, ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe('title');
      const other = new DistributedTask({ id: 'd-2', title: 'Compact log' }, { coordinator, localClock: local });
      const onBulk = await rejectionOf(repository.bulkSave([other, task]));
      expect(onBulk, `bulkSave() with a new task, ${label}`).toBeInstanceOf(ValidationError);
      expect((onBulk as ValidationError).field).toBe('title');
      expect(repository.size, `stored tasks, ${label}`).toBe(0);

      const saved = new DistributedTask({ id: 'd-3', title: 'Rotate keys' }, { coordinator, localClock: local });
      await repository.save(saved);
      bus.clear();
      saved.title = title;
      expect(await rejectionOf(repository.save(saved)), `save() of a stored task, ${label}`).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(repository.bulkSave([saved])), `bulkSave() of a stored task, ${label}`).toBeInstanceOf(ValidationError);
      expect(bus.published, `published events, ${label}`).toEqual([]);
    }
  });
});

describe('4. A broken coordinator', () => {
  it('refuses an instant more than 5 s ahead of the local clock with ClockSkewError, changing nothing', () => {
    const { coordinator, task } = setup();
    coordinator.set('2025-06-01T10:00:05.001Z');
    expect(() => task.touch('synced')).toThrow(ClockSkewError);
    expect(task.updatedAt).toEqual(new Date(COORDINATED));
    expect(task.getDomainEvents()).toHaveLength(0);
  });

  it('refuses an instant more than 5 s behind the local clock', () => {
    const { coordinator, local, task } = setup();
    local.advance(60_000);
    coordinator.set('2025-06-01T10:00:54.999Z');
    expect(() => task.touch('synced')).toThrow(ClockSkewError);
    expect(task.updatedAt).toEqual(new Date(COORDINATED));
  });

  it('accepts a skew of exactly 5 s', () => {
    const { coordinator, task } = setup();
    coordinator.set('2025-06-01T10:00:05.000Z');
    task.touch('synced');
    expect(task.updatedAt).toEqual(new Date('2025-06-01T10:00:05.000Z'));
  });

  it('honours a custom maxSkewMs', () => {
    const { coordinator, task } = setup(10_000);
    coordinator.set('2025-06-01T10:00:09.000Z');
    task.touch('synced');
    expect(task.updatedAt).toEqual(new Date('2025-06-01T10:00:09.000Z'));
    coordinator.set('2025-06-01T10:00:10.001Z');
    expect(() => task.touch('synced')).toThrow(ClockSkewError);
  });
});

describe('5. Saving', () => {
  it('a task rebuilt from stored data keeps its instants, and its next touch() moves past them even when the coordinator lags', () => {
    const coordinator = new ScriptedCoordinator('2025-06-01T10:00:01.000Z');
    const task = new DistributedTask({ id: 'd-1', title: 'Replicate index' }, { coordinator, localClock: new FixedClock(LOCAL) }, {
      createdAt: '2025-05-30T10:00:00Z',
      updatedAt: '2025-06-01T10:00:02.000Z',
    });
    expect(task.createdAt).toEqual(new Date('2025-05-30T10:00:00Z'));
    task.touch('synced');
    expect(task.updatedAt).toEqual(new Date('2025-06-01T10:00:02.001Z'));
  });

  it('publishes TimestampCreated and then the coordinated update through the repository', async () => {
    const { coordinator, local, task } = setup();
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<DistributedTask>({ eventBus: bus, clock: local });
    await repository.save(task);
    coordinator.set('2025-06-01T10:00:04.000Z');
    task.touch('synced');
    await repository.save(task);
    expect(bus.published.map((e) => e.type)).toEqual(['TimestampCreated', 'TimestampUpdated']);
    expect((await repository.getById('d-1')).updatedAt).toEqual(new Date('2025-06-01T10:00:04.000Z'));
  });
});
