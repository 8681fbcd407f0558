// Hidden suite for the certification troubleshooting task: after any number of daily runs, no
// events are left on the {{Entities|lower}}, nothing the service holds grows, the bus keeps no stale
// subscriptions, and the runs still do their job. Memory is measured here, never taken from what
// the service reports: the {{Entities|lower}} are handed out as fresh copies (like rows read from a database)
// and watched through WeakRefs after a forced full garbage collection, the heap is weighed across
// many days (memory.test.ts, in a process of its own), and subscriptions are counted by the bus. The service gets the bus and the
// repository, so they, their classes and the clock are frozen first, and what the tests set on
// them (the day of a read, a failing storage) is kept where the service cannot reach it.
import { describe, it, expect } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FixedClock, TimestampUpdatedEvent, type DomainEvent } from '@practicum/reference';
import { {{Entity}}, type {{CycleField|pascal}} } from '../../starter/src/{{Entity|kebab}}.ts';
import { {{Entity}}Repository } from '../../starter/src/{{Entity|kebab}}-repository.ts';
import type { SubscribableEventBus } from '../../starter/src/event-bus.ts';
import { {{Service}} } from '../../starter/src/{{Service|kebab}}.ts';

const START = '2025-09-01T03:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
const DAILY = ['d1', 'd2', 'd3'];

// ---- measuring memory (trusted test code: the learner's files cannot import node built-ins) ----

/** A full, synchronous garbage collection: the sandbox has no --expose-gc, so it is switched on here. */
const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Settles pending work and collects twice. WeakRef targets read in the current job are kept alive
 * until it ends, so each collection runs on a fresh macrotask; the second one picks up anything
 * only the first made unreachable (FinalizationRegistry cells, weak collections).
 */
async function settleAndCollect(): Promise<void> {
  for (let pass = 0; pass < 3; pass += 1) {
    await nextMacrotask();
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

// ---- the worker's surroundings: a database-like repository and an observable bus ----

interface Row {
  id: string;
  {{TextField}}: string;
  {{CycleField}}: {{CycleField|pascal}};
  createdAt: number;
  updatedAt: number;
}

// What the tests set on their repositories lives here, out of reach of the code under test (which
// gets the repositories themselves): the day the {{Entities|lower}} read from now on belong to, and which
// storage operation of a flaky repository fails.
const readDay = new WeakMap<object, number>();
const outages = new WeakMap<object, 'failReads' | 'failWrites'>();

/**
 * {{Entity}}Repository over rows, like a database: every read hands out fresh {{Entity}} objects and a write
 * stores a copy of the values. Nothing here keeps a
 * handed-out {{Entity|lower}} alive, so whatever survives a collection is held by the code under test.
 */
class Database{{Entity}}Repository extends {{Entity}}Repository {
  readonly #rows = new Map<string, Row>();
  readonly #handedOut: { day: number; ref: WeakRef<{{Entity}}> }[] = [];
  readonly #watch: boolean;

  constructor(deps: { eventBus: SubscribableEventBus; clock: FixedClock }, watch = true) {
    super(deps);
    this.#watch = watch;
  }

  /** {{Entities}} read on days matching `days` that are still alive (call after settleAndCollect). */
  aliveFrom(days: (day: number) => boolean): number {
    return this.#handedOut.filter((entry) => days(entry.day) && entry.ref.deref() !== undefined).length;
  }

  get handedOut(): number {
    return this.#handedOut.length;
  }

  #hydrate(row: Row): {{Entity}} {
    const {{Entity|lower}} = new {{Entity}}(
      { id: row.id, {{TextField}}: row.{{TextField}}, {{CycleField}}: row.{{CycleField}} },
      { clock: this.clock, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) },
    );
    if (this.#watch) this.#handedOut.push({ day: readDay.get(this) ?? 0, ref: new WeakRef({{Entity|lower}}) });
    return {{Entity|lower}};
  }

  #store({{Entity|lower}}: {{Entity}}): void {
    this.#rows.set({{Entity|lower}}.id, { id: {{Entity|lower}}.id, {{TextField}}: {{Entity|lower}}.{{TextField}}, {{CycleField}}: {{Entity|lower}}.{{CycleField}}, createdAt: {{Entity|lower}}.createdAt.getTime(), updatedAt: {{Entity|lower}}.updatedAt.getTime() });
  }

  protected override async loadOne(id: string): Promise<{{Entity}} | null> {
    const row = this.#rows.get(id);
    return row ? this.#hydrate(row) : null;
  }

  protected override async loadMany(ids: readonly string[]): Promise<{{Entity}}[]> {
    return ids.flatMap((id) => {
      const row = this.#rows.get(id);
      return row ? [this.#hydrate(row)] : [];
    });
  }

  protected override async loadUpdatedSince(since: Date): Promise<{{Entity}}[]> {
    return [...this.#rows.values()]
      .filter((row) => row.updatedAt > since.getTime())
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .map((row) => this.#hydrate(row));
  }

  protected override async storedVersion(id: string): Promise<Date | null> {
    const row = this.#rows.get(id);
    return row ? new Date(row.updatedAt) : null;
  }

  protected override async persist(entity: {{Entity}}): Promise<void> {
    this.#store(entity);
  }

  protected override async persistMany(entities: readonly {{Entity}}[]): Promise<void> {
    for (const entity of entities) this.#store(entity);
  }

  storedUpdatedAt(id: string): number | undefined {
    return this.#rows.get(id)?.updatedAt;
  }
}

/** The course's in-memory {{Entity|lower}} repository over a storage that can be down (reads, writes or both). */
class Flaky{{Entity}}Repository extends {{Entity}}Repository {

  protected override async loadUpdatedSince(since: Date): Promise<{{Entity}}[]> {
    if (outages.get(this) === 'failReads') throw new Error('database unavailable (read)');
    return super.loadUpdatedSince(since);
  }

  protected override async persist(entity: {{Entity}}): Promise<void> {
    if (outages.get(this) === 'failWrites') throw new Error('database unavailable (write)');
    return super.persist(entity);
  }

  protected override async persistMany(entities: readonly {{Entity}}[]): Promise<void> {
    if (outages.get(this) === 'failWrites') throw new Error('database unavailable (write)');
    return super.persistMany(entities);
  }
}

/**
 * The event bus, observed from its own side: it counts the subscriptions that are still active
 * (each subscribe() is one, until its own unsubscribe function is called) and every event that
 * reaches it. Its state is private, so the code under test can read only what a bus offers.
 */
class ObservedBus implements SubscribableEventBus {
  readonly #subscriptions = new Set<(event: DomainEvent) => void>();
  readonly #events: DomainEvent[] = [];
  readonly #keepEvents: boolean;
  #received = 0;

  constructor(keepEvents = true) {
    this.#keepEvents = keepEvents;
  }

  get published(): readonly DomainEvent[] {
    return [...this.#events];
  }

  /** Events that reached the bus so far. */
  get received(): number {
    return this.#received;
  }

  /** Subscriptions that have not been cancelled. */
  get activeSubscriptions(): number {
    return this.#subscriptions.size;
  }

  /** Forgets the events received so far (subscriptions stay). */
  forget(): void {
    this.#events.length = 0;
    this.#received = 0;
  }

  publish(event: DomainEvent): void {
    this.#deliver(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    for (const event of events) this.#deliver(event);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    const subscription = (event: DomainEvent): void => handler(event);
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }

  #deliver(event: DomainEvent): void {
    this.#received += 1;
    if (this.#keepEvents) this.#events.push(event);
    for (const subscription of [...this.#subscriptions]) subscription(event);
  }
}

/** The object, frozen, with its type (private members included) intact. */
const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

// the measuring classes cannot be changed by the code under test (their instances are frozen too)
for (const measuring of [Database{{Entity}}Repository, Flaky{{Entity}}Repository, ObservedBus]) {
  Object.freeze(measuring.prototype);
  Object.freeze(measuring);
}

/** An event another service on the bus publishes (the audit service's acknowledgement). */
class AuditRecordedEvent implements DomainEvent {
  readonly type = 'AuditRecorded';
  readonly entityType = 'Audit';
  readonly entityId: string;
  readonly occurredAt: Date;

  constructor(entityId: string, occurredAt: Date) {
    this.entityId = entityId;
    this.occurredAt = occurredAt;
  }
}

interface Worker<R extends {{Entity}}Repository> {
  clock: FixedClock;
  bus: ObservedBus;
  repository: R;
  service: {{Service}};
}

type {{Entity}}List = readonly (readonly [string, {{CycleField|pascal}}])[];
const DEFAULT_TASKS: {{Entity}}List = [...DAILY.map((id) => [id, '{{Due}}'] as const), ['w1', '{{Other}}']];

async function fill(repository: {{Entity}}Repository, clock: FixedClock, {{Entities|lower}}: {{Entity}}List): Promise<void> {
  for (const [id, {{CycleField}}] of {{Entities|lower}}) await repository.save(new {{Entity}}({ id, {{TextField}}: `{{Entity}} ${id}`, {{CycleField}} }, { clock }));
}

/** The worker over the course's in-memory repository (it keeps the {{Entity|lower}} objects themselves). */
async function worker({{Entities|lower}}: {{Entity}}List = DEFAULT_TASKS): Promise<Worker<{{Entity}}Repository>> {
  const clock = frozen(new FixedClock(START));
  const bus = frozen(new ObservedBus());
  const repository = frozen(new {{Entity}}Repository({ eventBus: bus, clock }));
  await fill(repository, clock, {{Entities|lower}});
  bus.forget();
  clock.advance(DAY);
  return { clock, bus, repository, service: new {{Service}}(repository, bus) };
}

/** The worker over a database-like repository: every run reads fresh copies of its {{Entities|lower}}. */
async function databaseWorker(dailyCount: number, options: { watch?: boolean; keepEvents?: boolean } = {}): Promise<Worker<Database{{Entity}}Repository>> {
  const clock = frozen(new FixedClock(START));
  const bus = frozen(new ObservedBus(options.keepEvents ?? true));
  const repository = frozen(new Database{{Entity}}Repository({ eventBus: bus, clock }, options.watch ?? true));
  const ids = Array.from({ length: dailyCount }, (_, i) => `daily-${String(i + 1).padStart(4, '0')}`);
  await fill(repository, clock, [...ids.map((id) => [id, '{{Due}}'] as const), ['w1', '{{Other}}']]);
  clock.advance(DAY);
  return { clock, bus, repository, service: new {{Service}}(repository, bus) };
}

async function runDays(w: Worker<{{Entity}}Repository>, days: number): Promise<void> {
  for (let day = 0; day < days; day += 1) {
    if (w.repository instanceof Database{{Entity}}Repository) readDay.set(w.repository, (readDay.get(w.repository) ?? 0) + 1);
    await w.service.{{RunMethod}}();
    w.clock.advance(DAY);
  }
}

/**
 * Yesterday's {{Due}} {{Entities|lower}} become {{Other}} and `count` new {{Due}} {{Entities|lower}} arrive, as on a board where
 * work comes and goes. Everything it reads is dropped when it returns.
 */
async function rotateDailyTasks(w: Worker<Database{{Entity}}Repository>, day: number, count: number): Promise<void> {
  const yesterday = await w.repository.{{QueryMethod}}();
  for (const {{Entity|lower}} of yesterday) {{Entity|lower}}.{{CycleField}} = '{{Other}}';
  if (yesterday.length > 0) await w.repository.bulkSave(yesterday);
  await fill(w.repository, w.clock, Array.from({ length: count }, (_, i) => [`day${day}-${String(i + 1).padStart(3, '0')}`, '{{Due}}'] as const));
}

function processing(events: readonly DomainEvent[], id: string): TimestampUpdatedEvent[] {
  return events.filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent && e.entityId === id && e.reason === '{{Reason}}');
}

describe('{{Service}}.{{RunMethod}}', () => {
  it("publishes one '{{Reason}}' update per {{Due}} {{Entity|lower}}", async () => {
    const w = await worker();
    await w.service.{{RunMethod}}();
    for (const id of DAILY) expect(processing(w.bus.published, id), id).toHaveLength(1);
  });

  it("stores the change: each processed {{Entity|lower}}'s stored updatedAt moves to the time of the run", async () => {
    const w = await databaseWorker(3);
    await w.service.{{RunMethod}}();
    for (const id of ['daily-0001', 'daily-0002', 'daily-0003']) {
      expect(w.repository.storedUpdatedAt(id), id).toBeGreaterThanOrEqual(Date.parse(START) + DAY);
    }
  });

  it('leaves no pending domain events on the {{Due}} {{Entities|lower}} after a run', async () => {
    const w = await worker();
    await w.service.{{RunMethod}}();
    for (const {{Entity|lower}} of await w.repository.findByIds(DAILY)) expect({{Entity|lower}}.getDomainEvents(), {{Entity|lower}}.id).toHaveLength(0);
  });

  it('leaves no pending domain events after five daily runs, and every run reached the bus', async () => {
    const w = await worker();
    await runDays(w, 5);
    for (const {{Entity|lower}} of await w.repository.findByIds(DAILY)) {
      expect({{Entity|lower}}.getDomainEvents(), {{Entity|lower}}.id).toHaveLength(0);
      expect(processing(w.bus.published, {{Entity|lower}}.id), {{Entity|lower}}.id).toHaveLength(5);
    }
  });

  it('releases the {{Entities|lower}} of earlier days: none of them stays in memory', async () => {
    await assertCollectorWorks();
    const w = await databaseWorker(20);
    await runDays(w, 6);
    await settleAndCollect();
    expect(w.repository.handedOut).toBeGreaterThanOrEqual(6 * 20);
    // the latest day's {{Entities|lower}} may stay (the dashboard shows that run); earlier days' must be gone
    expect(w.repository.aliveFrom((day) => day < 6)).toBe(0);
  });

  it('releases {{Entities|lower}} that stop being {{Due}}: none of the {{Entities|lower}} an earlier run processed stays in memory', async () => {
    await assertCollectorWorks();
    const w = await databaseWorker(0);
    for (let day = 1; day <= 6; day += 1) {
      await rotateDailyTasks(w, day, 10);
      readDay.set(w.repository, day);
      await w.service.{{RunMethod}}();
      w.clock.advance(DAY);
    }
    await settleAndCollect();
    expect(w.repository.handedOut).toBeGreaterThanOrEqual(6 * 10);
    expect(w.repository.aliveFrom((day) => day < 6)).toBe(0);
    expect(w.service.{{Gauge}}).toBe(w.repository.aliveFrom(() => true));
  });

  it('reports in its {{Gauge}} gauge exactly the {{Entities|lower}} it keeps alive', async () => {
    await assertCollectorWorks();
    const w = await databaseWorker(20);
    await runDays(w, 6);
    await settleAndCollect();
    expect(w.service.{{Gauge}}).toBe(w.repository.aliveFrom(() => true));
  });

  it('does not add a subscription to the event bus on every run', async () => {
    const w = await worker();
    await w.service.{{RunMethod}}();
    const afterFirst = w.bus.activeSubscriptions;
    w.clock.advance(DAY);
    await runDays(w, 5);
    expect(afterFirst).toBeLessThanOrEqual(1);
    expect(w.bus.activeSubscriptions).toBe(afterFirst);
  });

  it('leaves no subscription behind on a day without {{Due}} {{Entities|lower}}, nor on a day whose run fails', async () => {
    const clock = frozen(new FixedClock(START));
    const bus = frozen(new ObservedBus());
    const repository = frozen(new Flaky{{Entity}}Repository({ eventBus: bus, clock }));
    await fill(repository, clock, [['w1', '{{Other}}']]);
    const service = new {{Service}}(repository, bus);
    clock.advance(DAY);
    await service.{{RunMethod}}();
    const afterFirst = bus.activeSubscriptions;
    for (let day = 0; day < 3; day += 1) {
      clock.advance(DAY);
      await service.{{RunMethod}}();
    }
    expect(afterFirst).toBeLessThanOrEqual(1);
    expect(bus.activeSubscriptions, 'after days without {{Due}} {{Entities|lower}}').toBe(afterFirst);
    await fill(repository, clock, DAILY.map((id) => [id, '{{Due}}'] as const));
    for (const failing of ['failReads', 'failWrites'] as const) {
      outages.set(repository, failing);
      for (let day = 0; day < 3; day += 1) {
        clock.advance(DAY);
        await service.{{RunMethod}}().catch(() => undefined);
      }
      outages.delete(repository);
      expect(bus.activeSubscriptions, `after days whose run failed (${failing === 'failReads' ? 'reading' : 'writing'} the {{Entities|lower}})`).toBe(afterFirst);
    }
  });

  it("lists the latest run's {{Due}} {{Entities|lower}} for the dashboard, and none after a day without {{Due}} {{Entities|lower}}", async () => {
    const w = await worker();
    await runDays(w, 2);
    await w.repository.save(new {{Entity}}({ id: 'd4', {{TextField}}: '{{Entity}} d4', {{CycleField}}: '{{Due}}' }, { clock: w.clock }));
    await w.service.{{RunMethod}}();
    expect([...w.service.{{IdsGetter}}].sort()).toEqual([...DAILY, 'd4']);
    // every {{Due}} {{Entity|lower}} is deleted: the next run processes none, and the dashboard shows that run
    w.clock.advance(DAY);
    for (const {{Entity|lower}} of await w.repository.{{QueryMethod}}()) await w.repository.softDelete({{Entity|lower}});
    w.clock.advance(DAY);
    await w.service.{{RunMethod}}();
    expect([...w.service.{{IdsGetter}}]).toEqual([]);
  });

  it('reports the events that reached the bus during the run', async () => {
    const w = await worker();
    const before = w.bus.received;
    const run = await w.service.{{RunMethod}}();
    expect(run.{{ProcessedField}}).toBe(DAILY.length);
    expect(run.{{EventsField}}).toBeGreaterThanOrEqual(DAILY.length);
    expect(run.{{EventsField}}).toBe(w.bus.received - before);
  });

  it('counts the events other services publish on the bus during the run, and none from between runs', async () => {
    const w = await worker();
    // the audit service acknowledges every {{Reason}} update with an event of its own
    w.bus.subscribe((event) => {
      if (event instanceof TimestampUpdatedEvent && event.reason === '{{Reason}}') w.bus.publish(new AuditRecordedEvent(event.entityId, event.occurredAt));
    });
    await runDays(w, 2);
    w.bus.publish(new AuditRecordedEvent('between-runs', w.clock.now()));
    w.bus.publish(new AuditRecordedEvent('between-runs', w.clock.now()));
    const before = w.bus.received;
    const run = await w.service.{{RunMethod}}();
    const during = w.bus.received - before;
    expect(during).toBeGreaterThanOrEqual(2 * DAILY.length);
    expect(run.{{EventsField}}).toBe(during);
  });

  it('reports the same number of events on the fifth day as on the first', async () => {
    const w = await worker();
    const first = await w.service.{{RunMethod}}();
    w.clock.advance(DAY);
    await runDays(w, 3);
    const before = w.bus.received;
    const fifth = await w.service.{{RunMethod}}();
    expect(fifth.{{EventsField}}).toBe(w.bus.received - before);
    expect(fifth.{{EventsField}}).toBe(first.{{EventsField}});
  });

  it('does not touch {{Entities|lower}} that are not {{Due}}', async () => {
    const w = await worker();
    await runDays(w, 2);
    const weekly = await w.repository.getById('w1');
    expect(weekly.updatedAt).toEqual(new Date(START));
    expect(w.bus.published.some((e) => e.entityId === 'w1')).toBe(false);
  });

  it('a day without {{Due}} {{Entities|lower}} publishes nothing and reports zero', async () => {
    const w = await worker([['w1', '{{Other}}']]);
    const run = await w.service.{{RunMethod}}();
    expect(run).toEqual({ {{ProcessedField}}: 0, {{EventsField}}: 0 });
    expect(w.bus.published).toHaveLength(0);
  });
});
