// Hidden suite for Exercise 2.1, scenario 3: the bulk status update must keep its behaviour while
// using a constant number of repository round trips and one batch publish, whatever the size.
// Round trips are counted twice, by the repository's own stats and underneath it where the
// storage is read and written, and publishes are counted by a bus whose counters only the test
// can read — so nothing the code under test does can go uncounted. The storage belongs to this
// file (no inherited storage method reads it uncounted), and the bus, the repository, the clock
// and their classes are frozen before the service sees them, so no counter can be redefined.
import { describe, it, expect } from 'vitest';
import {
  AdvancingClock,
  FixedClock,
  TimestampRepository,
  NotFoundError,
  TimestampUpdatedEvent,
  type Clock,
  type DomainEvent,
  type EventBus,
  type RepositoryStats,
} from '@practicum/reference';
import { Task, type TaskStatus } from '../../starter/src/task.ts';
import { BulkStatusService } from '../../starter/src/bulk-status-service.ts';

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Counts what reaches the bus; its counters are private, so only the test reads them. */
class CountingBus implements EventBus {
  readonly #events: DomainEvent[] = [];
  #publishCalls = 0;
  #batchCalls = 0;

  get published(): readonly DomainEvent[] {
    return [...this.#events];
  }

  get publishCalls(): number {
    return this.#publishCalls;
  }

  get batchCalls(): number {
    return this.#batchCalls;
  }

  /** Forgets everything received so far. */
  forget(): void {
    this.#events.length = 0;
    this.#publishCalls = 0;
    this.#batchCalls = 0;
  }

  publish(event: DomainEvent): void {
    this.#publishCalls += 1;
    this.#events.push(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    this.#batchCalls += 1;
    this.#events.push(...events);
  }
}

/**
 * An in-memory repository like the course's (it keeps the task objects themselves), whose
 * storage only this class can reach: every read and write of it is counted here.
 */
class CountedStorageRepository extends TimestampRepository<Task> {
  readonly #rows = new Map<string, { task: Task; version: number }>();
  #reads = 0;
  #writes = 0;

  get storageReads(): number {
    return this.#reads;
  }

  get storageWrites(): number {
    return this.#writes;
  }

  protected async loadOne(id: string): Promise<Task | null> {
    this.#reads += 1;
    const row = this.#rows.get(id);
    return row && !row.task.isDeleted ? row.task : null;
  }

  protected async loadMany(ids: readonly string[]): Promise<Task[]> {
    this.#reads += 1;
    return ids.flatMap((id) => {
      const row = this.#rows.get(id);
      return row && !row.task.isDeleted ? [row.task] : [];
    });
  }

  protected async loadUpdatedSince(since: Date): Promise<Task[]> {
    this.#reads += 1;
    return [...this.#rows.values()]
      .filter((row) => !row.task.isDeleted && row.version > since.getTime())
      .sort((a, b) => a.version - b.version)
      .map((row) => row.task);
  }

  protected async storedVersion(id: string): Promise<Date | null> {
    const row = this.#rows.get(id);
    return row ? new Date(row.version) : null;
  }

  protected async persist(entity: Task): Promise<void> {
    this.#writes += 1;
    this.#rows.set(entity.id, { task: entity, version: entity.updatedAt.getTime() });
  }

  protected async persistMany(entities: readonly Task[]): Promise<void> {
    this.#writes += 1;
    for (const entity of entities) this.#rows.set(entity.id, { task: entity, version: entity.updatedAt.getTime() });
  }
}

/** The object, frozen, with its type (private members included) intact. */
const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

// the measuring classes cannot be changed by the code under test (their instances are frozen too)
for (const measuring of [CountingBus, CountedStorageRepository]) {
  Object.freeze(measuring.prototype);
  Object.freeze(measuring);
}

const START = '2025-03-10T09:00:00Z';
const UPDATE_TIME = Date.parse('2025-03-10T09:01:00Z');

interface Board {
  bus: CountingBus;
  repository: CountedStorageRepository;
  service: BulkStatusService;
  ids: string[];
}

/** `size` tasks stored at START; a fixed clock then moves to UPDATE_TIME. */
async function board(size: number, time: Clock = new FixedClock(START)): Promise<Board> {
  const bus = frozen(new CountingBus());
  const repository = frozen(new CountedStorageRepository({ eventBus: bus, clock: frozen(time) }));
  const ids = Array.from({ length: size }, (_, i) => `task-${String(i + 1).padStart(3, '0')}`);
  await repository.bulkSave(ids.map((id) => new Task({ id, title: `Task ${id}` }, { clock: time })));
  bus.forget();
  if (time instanceof FixedClock) time.advance(60_000);
  return { bus, repository, service: new BulkStatusService(repository), ids };
}

interface Usage {
  repo: RepositoryStats;
  storageReads: number;
  storageWrites: number;
  publishCalls: number;
  batchCalls: number;
  published: number;
}

/** Round trips and bus calls made while `action` runs. */
async function measure(b: Board, action: () => Promise<unknown>): Promise<Usage> {
  const before = { ...b.repository.stats };
  const [reads, writes] = [b.repository.storageReads, b.repository.storageWrites];
  const [publishCalls, batchCalls, published] = [b.bus.publishCalls, b.bus.batchCalls, b.bus.published.length];
  await action();
  const after = b.repository.stats;
  return {
    repo: {
      findById: after.findById - before.findById,
      findByIds: after.findByIds - before.findByIds,
      findUpdatedSince: after.findUpdatedSince - before.findUpdatedSince,
      save: after.save - before.save,
      bulkSave: after.bulkSave - before.bulkSave,
      queries: after.queries - before.queries,
    },
    storageReads: b.repository.storageReads - reads,
    storageWrites: b.repository.storageWrites - writes,
    publishCalls: b.bus.publishCalls - publishCalls,
    batchCalls: b.bus.batchCalls - batchCalls,
    published: b.bus.published.length - published,
  };
}

const statusesOf = async (b: Board): Promise<TaskStatus[]> => (await b.repository.findByIds(b.ids)).map((t) => t.status);
const updatesOf = (b: Board, id: string): number => b.bus.published.filter((e) => e instanceof TimestampUpdatedEvent && e.entityId === id).length;

describe('BulkStatusService.bulkStatusUpdate — behaviour', () => {
  it('moves every listed task to the new status and stores it', async () => {
    const b = await board(5);
    await b.service.bulkStatusUpdate(b.ids.slice(0, 3), 'done');
    const stored = await b.repository.findByIds(b.ids);
    expect(stored.map((t) => [t.id, t.status])).toEqual([
      ['task-001', 'done'],
      ['task-002', 'done'],
      ['task-003', 'done'],
      ['task-004', 'todo'],
      ['task-005', 'todo'],
    ]);
  });

  it('publishes a TimestampUpdated event for every updated task', async () => {
    const b = await board(4);
    await b.service.bulkStatusUpdate(b.ids, 'in_progress');
    const updated = new Set(b.bus.published.filter((e) => e instanceof TimestampUpdatedEvent).map((e) => e.entityId));
    expect([...updated].sort()).toEqual(b.ids);
  });

  it('moves updatedAt of every task to the time of the update', async () => {
    const b = await board(4);
    await b.service.bulkStatusUpdate(b.ids, 'in_progress');
    for (const task of await b.repository.findByIds(b.ids)) {
      expect(task.updatedAt.getTime(), task.id).toBeGreaterThanOrEqual(UPDATE_TIME);
    }
  });

  it('updates every listed task, also one already at the new status: it gets the new updatedAt and its event too', async () => {
    const clock = new FixedClock(START);
    const b = await board(3, clock);
    await b.service.bulkStatusUpdate(['task-002'], 'done');
    b.bus.forget();
    clock.advance(60_000);
    const before = (await b.repository.getById('task-002')).updatedAt.getTime();
    await b.service.bulkStatusUpdate(b.ids, 'done');
    expect(await statusesOf(b)).toEqual(['done', 'done', 'done']);
    for (const id of b.ids) expect(updatesOf(b, id), id).toBeGreaterThanOrEqual(1);
    const instants = new Set((await b.repository.findByIds(b.ids)).map((t) => t.updatedAt.getTime()));
    expect(instants.size).toBe(1);
    expect([...instants][0]).toBeGreaterThan(before);
  });

  it('gives every updated task the same updatedAt: one instant for the whole update', async () => {
    // every reading of this clock is one second later than the one before
    const b = await board(6, new AdvancingClock(START, 1_000));
    const stored = Math.max(...(await b.repository.findByIds(b.ids)).map((t) => t.updatedAt.getTime()));
    await b.service.bulkStatusUpdate(b.ids, 'done');
    const instants = new Set((await b.repository.findByIds(b.ids)).map((t) => t.updatedAt.getTime()));
    expect(instants.size).toBe(1);
    expect([...instants][0]).toBeGreaterThan(stored);
  });

  it('fails the whole update with NotFoundError when an id is unknown, changing, storing and publishing nothing', async () => {
    const b = await board(3);
    let error: unknown;
    const used = await measure(b, async () => {
      error = await rejectionOf(b.service.bulkStatusUpdate(['task-001', 'task-404', 'task-003'], 'done'));
    });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await statusesOf(b)).toEqual(['todo', 'todo', 'todo']);
    expect(used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });

  it('updates a task listed twice once, without failing', async () => {
    const b = await board(2);
    await b.service.bulkStatusUpdate(['task-001', 'task-002', 'task-001'], 'done');
    expect(await statusesOf(b)).toEqual(['done', 'done']);
    expect(updatesOf(b, 'task-001')).toBe(updatesOf(b, 'task-002'));
  });
});

describe('BulkStatusService.bulkStatusUpdate — round trips', () => {
  it('loads the tasks with one findByIds call, not one findById per task', async () => {
    const b = await board(20);
    const used = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'done'));
    expect(used.repo.findById).toBe(0);
    expect(used.repo.findByIds).toBe(1);
    expect(used.storageReads).toBe(1);
  });

  it('stores the tasks with one bulkSave call, not one save per task', async () => {
    const b = await board(20);
    const used = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'done'));
    expect(used.repo.save).toBe(0);
    expect(used.repo.bulkSave).toBe(1);
    expect(used.storageWrites).toBe(1);
  });

  it('publishes the events in one batch instead of one publish call per event', async () => {
    const b = await board(20);
    const used = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'done'));
    expect(used.publishCalls).toBe(0);
    expect(used.batchCalls).toBe(1);
    expect(used.published).toBeGreaterThanOrEqual(20);
  });

  it('needs the same number of round trips for 3 tasks as for 60', async () => {
    const small = await board(3);
    const large = await board(60);
    const forSmall = await measure(small, () => small.service.bulkStatusUpdate(small.ids, 'done'));
    const forLarge = await measure(large, () => large.service.bulkStatusUpdate(large.ids, 'done'));
    expect(forLarge.repo.queries).toBe(forSmall.repo.queries);
    expect(forLarge.storageReads + forLarge.storageWrites).toBe(forSmall.storageReads + forSmall.storageWrites);
    expect(forLarge.batchCalls + forLarge.publishCalls).toBe(forSmall.batchCalls + forSmall.publishCalls);
  });

  it('loads the tasks again for every update: the second update of the same tasks costs what the first did', async () => {
    const b = await board(10);
    const first = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'in_progress'));
    const second = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'done'));
    expect(second.repo).toEqual(first.repo);
    expect(second.storageReads).toBe(1);
    expect(await statusesOf(b)).toEqual(b.ids.map(() => 'done'));
  });

  it('makes no round trip and publishes nothing for an empty list', async () => {
    const b = await board(3);
    const used = await measure(b, () => b.service.bulkStatusUpdate([], 'done'));
    expect(used.repo.queries).toBe(0);
    expect(used.storageReads + used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });
});
