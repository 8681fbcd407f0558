// Hidden suite for Exercise 2.1, scenario 1: the worker's touched tasks must be saved, so their
// events are published and cleared instead of piling up in memory. What stays in memory is
// measured here, not taken from the code under test: recorded events and handed-out tasks are
// watched through WeakRefs after a forced full garbage collection.
import { describe, it, expect } from 'vitest';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  FixedClock,
  InMemoryRepository,
  TimestampUpdatedEvent,
  type DomainEvent,
  type EventBus,
} from '@practicum/reference';
import { Task, type TaskStatus } from '../../starter/src/task.ts';
import { TaskProcessingService } from '../../starter/src/task-processing-service.ts';

const START = '2025-03-10T02:00:00Z';
const IDS = ['t1', 't2', 't3'];

// ---- measuring memory (trusted test code: the learner's files cannot import node built-ins) ----

/** A full, synchronous garbage collection: the sandbox has no --expose-gc, so it is switched on here. */
const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** WeakRef targets read in the current job stay alive until it ends: collect on fresh macrotasks. */
async function settleAndCollect(): Promise<void> {
  for (let pass = 0; pass < 3; pass += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
  }
}

/** Proves the probe works before it is trusted: a dropped object must be gone after a collection. */
async function assertCollectorWorks(): Promise<void> {
  let probe: object | null = { probe: true };
  const ref = new WeakRef(probe);
  probe = null;
  await settleAndCollect();
  if (ref.deref() !== undefined) throw new Error('grading problem: a forced garbage collection did not run');
}

const alive = (refs: readonly WeakRef<object>[]): number => refs.filter((ref) => ref.deref() !== undefined).length;

// ---- the worker's surroundings ----

/** Records what reaches the bus; its state is private, so only the test reads it. */
class RecordingBus implements EventBus {
  readonly #events: DomainEvent[] = [];
  readonly #keep: boolean;

  constructor(keep = true) {
    this.#keep = keep;
  }

  get published(): readonly DomainEvent[] {
    return [...this.#events];
  }

  /** Forgets what was published so far. */
  forget(): void {
    this.#events.length = 0;
  }

  publish(event: DomainEvent): void {
    if (this.#keep) this.#events.push(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    for (const event of events) this.publish(event);
  }
}

/** A Task that reports every event it records to the test, which watches it through a WeakRef. */
class WatchedTask extends Task {
  static readonly recorded: WeakRef<DomainEvent>[] = [];

  protected override addDomainEvent(event: DomainEvent): void {
    WatchedTask.recorded.push(new WeakRef(event));
    super.addDomainEvent(event);
  }
}

interface Row {
  id: string;
  title: string;
  status: TaskStatus;
  createdAt: number;
  updatedAt: number;
}

/**
 * A repository over rows, like a database: every read hands out a fresh Task and a write stores a
 * copy of its values. Nothing here keeps a handed-out task alive.
 */
class DatabaseRepository extends InMemoryRepository<Task> {
  readonly #rows = new Map<string, Row>();
  readonly handedOut: WeakRef<Task>[] = [];
  /** Whether handed-out tasks are watched (off when the heap itself is weighed). */
  watch = true;

  #hydrate(row: Row): Task {
    const task = new Task({ id: row.id, title: row.title, status: row.status }, { clock: this.clock, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) });
    if (this.watch) this.handedOut.push(new WeakRef(task));
    return task;
  }

  /** Deletes a row, as when a task is archived away from the database. */
  drop(id: string): void {
    this.#rows.delete(id);
  }

  #store(task: Task): void {
    this.#rows.set(task.id, { id: task.id, title: task.title, status: task.status, createdAt: task.createdAt.getTime(), updatedAt: task.updatedAt.getTime() });
  }

  row(id: string): Readonly<Row> | undefined {
    return this.#rows.get(id);
  }

  protected override async loadOne(id: string): Promise<Task | null> {
    const row = this.#rows.get(id);
    return row ? this.#hydrate(row) : null;
  }

  protected override async loadMany(ids: readonly string[]): Promise<Task[]> {
    return ids.flatMap((id) => {
      const row = this.#rows.get(id);
      return row ? [this.#hydrate(row)] : [];
    });
  }

  protected override async loadUpdatedSince(since: Date): Promise<Task[]> {
    return [...this.#rows.values()].filter((row) => row.updatedAt > since.getTime()).map((row) => this.#hydrate(row));
  }

  protected override async storedVersion(id: string): Promise<Date | null> {
    const row = this.#rows.get(id);
    return row ? new Date(row.updatedAt) : null;
  }

  protected override async persist(entity: Task): Promise<void> {
    this.#store(entity);
  }

  protected override async persistMany(entities: readonly Task[]): Promise<void> {
    for (const entity of entities) this.#store(entity);
  }
}

interface Setup<R extends InMemoryRepository<Task>> {
  clock: FixedClock;
  bus: RecordingBus;
  repository: R;
  service: TaskProcessingService;
}

async function setup(): Promise<Setup<InMemoryRepository<Task>>> {
  const clock = new FixedClock(START);
  const bus = new RecordingBus();
  const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
  for (const id of IDS) await repository.save(new Task({ id, title: `Task ${id}` }, { clock }));
  bus.forget();
  clock.advance(60_000);
  return { clock, bus, repository, service: new TaskProcessingService(repository) };
}

async function databaseSetup(): Promise<Setup<DatabaseRepository>> {
  const clock = new FixedClock(START);
  const bus = new RecordingBus(false);
  const repository = new DatabaseRepository({ eventBus: bus, clock });
  for (const id of IDS) await repository.save(new Task({ id, title: `Task ${id}` }, { clock }));
  clock.advance(60_000);
  repository.handedOut.length = 0;
  return { clock, bus, repository, service: new TaskProcessingService(repository) };
}

function processingEventsFor(events: readonly DomainEvent[], entityId: string): TimestampUpdatedEvent[] {
  return events.filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent && e.entityId === entityId && e.reason === 'processing');
}

describe('TaskProcessingService.processTasks', () => {
  it("publishes a 'processing' update for every task it processes", async () => {
    const { bus, service } = await setup();
    await service.processTasks(IDS);
    for (const id of IDS) expect(processingEventsFor(bus.published, id), id).toHaveLength(1);
  });

  it('leaves no pending domain events on the tasks it returns', async () => {
    const { service } = await setup();
    const processed = await service.processTasks(IDS);
    expect(processed.map((t) => t.id)).toEqual(IDS);
    for (const task of processed) expect(task.getDomainEvents(), task.id).toHaveLength(0);
  });

  it('leaves no pending domain events on the stored tasks', async () => {
    const { repository, service } = await setup();
    await service.processTasks(IDS);
    for (const id of IDS) expect((await repository.getById(id)).getDomainEvents(), id).toHaveLength(0);
  });

  it('does not pile up events when the worker runs again and again', async () => {
    const { clock, bus, repository, service } = await setup();
    for (let run = 0; run < 5; run += 1) {
      await service.processTasks(IDS);
      clock.advance(60_000);
    }
    for (const id of IDS) {
      expect((await repository.getById(id)).getDomainEvents(), id).toHaveLength(0);
      expect(processingEventsFor(bus.published, id), id).toHaveLength(5);
    }
  });

  it('keeps none of the events it records in memory once they are published', async () => {
    await assertCollectorWorks();
    const clock = new FixedClock(START);
    const repository = new InMemoryRepository<Task>({ eventBus: new RecordingBus(false), clock });
    for (const id of IDS) await repository.save(new WatchedTask({ id, title: `Task ${id}` }, { clock }));
    const service = new TaskProcessingService(repository);
    WatchedTask.recorded.length = 0;
    for (let run = 0; run < 5; run += 1) {
      clock.advance(60_000);
      await service.processTasks(IDS);
    }
    await settleAndCollect();
    expect(WatchedTask.recorded.length).toBeGreaterThanOrEqual(5 * IDS.length);
    expect(alive(WatchedTask.recorded)).toBe(0);
  });

  it('keeps no processed task in memory once the caller has let go of it', async () => {
    await assertCollectorWorks();
    const { clock, repository, service } = await databaseSetup();
    for (let run = 0; run < 5; run += 1) {
      await service.processTasks(IDS);
      clock.advance(60_000);
    }
    await settleAndCollect();
    expect(repository.handedOut.length).toBeGreaterThanOrEqual(5 * IDS.length);
    expect(alive(repository.handedOut)).toBe(0);
  });

  it('keeps nothing per task between runs: its memory does not grow as tasks come and go', async () => {
    await assertCollectorWorks();
    const clock = new FixedClock(START);
    const repository = new DatabaseRepository({ eventBus: new RecordingBus(false), clock });
    repository.watch = false;
    const service = new TaskProcessingService(repository);
    let next = 0;
    const runWithNewTasks = async (runs: number): Promise<void> => {
      for (let run = 0; run < runs; run += 1) {
        const ids = Array.from({ length: 200 }, () => `task-${String(next++).padStart(6, '0')}`);
        await repository.bulkSave(ids.map((id) => new Task({ id, title: `Task ${id}` }, { clock })));
        clock.advance(60_000);
        await service.processTasks(ids);
        for (const id of ids) repository.drop(id);
      }
    };
    await runWithNewTasks(5); // warm up: code compiled, the service's own structures at their steady size
    await settleAndCollect();
    const before = getHeapStatistics().used_heap_size;
    await runWithNewTasks(50);
    await settleAndCollect();
    const grown = getHeapStatistics().used_heap_size - before;
    // 50 runs × 200 tasks that come and go: keeping anything per task, even its id in a Map or a
    // Set, costs far more than this; a service that keeps nothing between runs stays within a few KB.
    expect(grown, `the heap grew by ${grown} bytes over 50 runs`).toBeLessThan(128 * 1024);
  });

  it('looks every id up again on each run: a task created after a run skipped its id is processed by the next', async () => {
    const { clock, bus, repository, service } = await setup();
    expect((await service.processTasks(['t1', 'late'])).map((t) => t.id)).toEqual(['t1']);
    await repository.save(new Task({ id: 'late', title: 'Task late' }, { clock }));
    clock.advance(60_000);
    expect((await service.processTasks(['t1', 'late'])).map((t) => t.id)).toEqual(['t1', 'late']);
    expect(processingEventsFor(bus.published, 'late')).toHaveLength(1);
  });

  it('loads the tasks afresh on every run: a change stored in between is kept, not overwritten', async () => {
    const { clock, repository, service } = await databaseSetup();
    await service.processTasks(IDS);
    clock.advance(60_000);
    const renamed = await repository.getById('t2');
    renamed.title = 'Renamed by the board';
    renamed.touch('renamed');
    await repository.save(renamed);
    clock.advance(60_000);
    const processed = await service.processTasks(IDS);
    expect(processed.map((t) => t.id)).toEqual(IDS);
    expect(repository.row('t2')?.title).toBe('Renamed by the board');
    // the run's own update is stored on top of the rename (a batch save may stamp it 1 ms later)
    expect(repository.row('t2')?.updatedAt).toBeGreaterThanOrEqual(clock.now().getTime());
  });

  it('stores the new updatedAt of every processed task', async () => {
    const { repository, service } = await setup();
    await service.processTasks(IDS);
    const stored = await repository.findUpdatedSince('2025-03-10T02:00:30Z');
    expect(stored.map((t) => t.id).sort()).toEqual(IDS);
    for (const task of stored) expect(task.updatedAt.getTime(), task.id).toBeGreaterThanOrEqual(Date.parse('2025-03-10T02:01:00Z'));
  });

  it('skips ids that do not exist and still processes the rest', async () => {
    const { bus, service } = await setup();
    const processed = await service.processTasks(['t1', 'missing', 't3']);
    expect(processed.map((t) => t.id)).toEqual(['t1', 't3']);
    expect(processingEventsFor(bus.published, 't1')).toHaveLength(1);
    expect(processingEventsFor(bus.published, 't3')).toHaveLength(1);
    expect(processingEventsFor(bus.published, 't2')).toHaveLength(0);
  });
});
