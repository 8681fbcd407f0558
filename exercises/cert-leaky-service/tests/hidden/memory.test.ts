// Hidden suite for the certification troubleshooting task, its memory part: the heap is weighed,
// the service module is loaded and started, and two hundred days later the heap must not have grown
// by more than the service's code and the latest run need. This file runs in a test process of its own in which none of the
// learner's code has run before the first weighing, so nothing the service sets up — say, a
// reserve allocated early and released day by day to hide what it keeps — escapes the measure.
// The bus and the repository are the test's own, frozen before the service sees them.
import { describe, it, expect } from 'vitest';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FixedClock, type DomainEvent } from '@practicum/reference';
import { {{Entity}} } from '../../starter/src/{{Entity|kebab}}.ts';
import { {{Entity}}Repository } from '../../starter/src/{{Entity|kebab}}-repository.ts';
import type { SubscribableEventBus } from '../../starter/src/event-bus.ts';
import type { {{Service}} } from '../../starter/src/{{Service|kebab}}.ts';

const START = '2025-09-01T03:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
const DAILY_TASKS = 200;
const DAYS = 200;

/** A full, synchronous garbage collection: the sandbox has no --expose-gc, so it is switched on here. */
const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Settles pending work and collects, each time on a fresh macrotask. */
async function settleAndCollect(): Promise<void> {
  for (let pass = 0; pass < 3; pass += 1) {
    await nextMacrotask();
    collectGarbage();
  }
}

interface Row {
  id: string;
  {{TextField}}: string;
  {{CycleField}}: {{Entity}}['{{CycleField}}'];
  createdAt: number;
  updatedAt: number;
}

/** {{Entity}}Repository over rows, like a database: every read hands out fresh {{Entity}} objects. */
class RowRepository extends {{Entity}}Repository {
  readonly #rows = new Map<string, Row>();

  #hydrate(row: Row): {{Entity}} {
    return new {{Entity}}(
      { id: row.id, {{TextField}}: row.{{TextField}}, {{CycleField}}: row.{{CycleField}} },
      { clock: this.clock, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) },
    );
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
}

/** A bus that delivers to its subscribers and keeps nothing else. */
class QuietBus implements SubscribableEventBus {
  readonly #subscriptions = new Set<(event: DomainEvent) => void>();

  publish(event: DomainEvent): void {
    for (const subscription of [...this.#subscriptions]) subscription(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    for (const event of events) this.publish(event);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    const subscription = (event: DomainEvent): void => handler(event);
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }
}

/** The object, frozen, with its type (private members included) intact. */
const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

for (const measuring of [RowRepository, QuietBus]) {
  Object.freeze(measuring.prototype);
  Object.freeze(measuring);
}

describe('{{Service}}.{{RunMethod}}', () => {
  it('does not grow in memory from one day to the next', async () => {
    const clock = frozen(new FixedClock(START));
    const bus = frozen(new QuietBus());
    const repository = frozen(new RowRepository({ eventBus: bus, clock }));
    const ids = Array.from({ length: DAILY_TASKS }, (_, i) => `daily-${String(i + 1).padStart(4, '0')}`);
    await repository.bulkSave([...ids.map((id) => new {{Entity}}({ id, {{TextField}}: `{{Entity}} ${id}`, {{CycleField}}: '{{Due}}' }, { clock })), new {{Entity}}({ id: 'w1', {{TextField}}: '{{Entity}} w1', {{CycleField}}: '{{Other}}' }, { clock })]);
    // warm up the course code the runs go through (reading, touching, saving), without the service
    for (let day = 0; day < 10; day += 1) {
      clock.advance(DAY);
      const {{Entities|lower}} = await repository.{{QueryMethod}}();
      for (const {{Entity|lower}} of {{Entities|lower}}) {{Entity|lower}}.touch('{{Reason}}');
      await repository.bulkSave({{Entities|lower}});
    }
    await settleAndCollect();
    const before = getHeapStatistics().used_heap_size;

    const { {{Service}}: Service } = (await import('../../starter/src/{{Service|kebab}}.ts')) as { {{Service}}: typeof {{Service}} };
    const service = new Service(repository, bus);
    for (let day = 0; day < DAYS; day += 1) {
      clock.advance(DAY);
      await service.{{RunMethod}}();
    }
    await settleAndCollect();
    const grown = getHeapStatistics().used_heap_size - before;
    // still in use after the weighing, so nothing it holds could be collected before it
    expect(service.{{IdsGetter}}).toHaveLength(DAILY_TASKS);
    // 200 days × 200 {{Entities|lower}}: keeping anything per {{Entity|lower}} per day, even one reference to its id, grows
    // the heap by about 480 KB. A service that keeps nothing grows by about 80 KB (loading its module
    // included) and one that keeps the latest run's {{Entity}} objects, which is allowed, by about 115 KB.
    expect(grown, `the heap grew by ${grown} bytes over ${DAYS} days`).toBeLessThan(256 * 1024);
  });
});
