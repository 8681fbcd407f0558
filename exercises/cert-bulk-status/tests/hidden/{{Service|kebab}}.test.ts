// Hidden suite for the certification optimisation task: the status update keeps its behaviour
// (all or nothing, unchanged {{Entities|lower}} skipped) with one {{LoadMany}}, one {{SaveMany}} and one
// publishBatch, whatever the number of {{Entities|lower}}. Round trips are counted twice, by the
// repository's own stats and underneath it where the storage is read and written, and publishes
// by a bus whose counters only the test can read — nothing the code under test does goes uncounted.
// The storage belongs to this file (no inherited storage method reads it uncounted), and the bus,
// the repository, the clock and their classes are frozen before the service sees them, so the
// service can neither redefine a counter nor swap a counting method.
import { describe, it, expect } from 'vitest';
import {
  AdvancingClock,
  FixedClock,
  TimestampRepository,
  NotFoundError,
  TimestampUpdatedEvent,
  ValidationError,
  type Clock,
  type DomainEvent,
  type EventBus,
  type RepositoryStats,
} from '@practicum/reference';
import { {{Entity}}{{#OwnRepository}}, {{Repository}}{{/OwnRepository}}, type {{Entity}}Status } from '../../starter/src/{{Entity|kebab}}.ts';
import { {{Service}} } from '../../starter/src/{{Service|kebab}}.ts';

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
 * An in-memory repository like the course's (it keeps the {{Entity|lower}} objects themselves), whose
 * storage only this class can reach: every read and write of it is counted here.
 */
class CountedStorageRepository extends TimestampRepository<{{Entity}}> {
  readonly #rows = new Map<string, { {{Entity|camel}}: {{Entity}}; version: number }>();
  #reads = 0;
  #writes = 0;

  get storageReads(): number {
    return this.#reads;
  }

  get storageWrites(): number {
    return this.#writes;
  }

  protected async loadOne(id: string): Promise<{{Entity}} | null> {
    this.#reads += 1;
    const row = this.#rows.get(id);
    return row && !row.{{Entity|camel}}.isDeleted ? row.{{Entity|camel}} : null;
  }

  protected async loadMany(ids: readonly string[]): Promise<{{Entity}}[]> {
    this.#reads += 1;
    return ids.flatMap((id) => {
      const row = this.#rows.get(id);
      return row && !row.{{Entity|camel}}.isDeleted ? [row.{{Entity|camel}}] : [];
    });
  }

  protected async loadUpdatedSince(since: Date): Promise<{{Entity}}[]> {
    this.#reads += 1;
    return [...this.#rows.values()]
      .filter((row) => !row.{{Entity|camel}}.isDeleted && row.version > since.getTime())
      .sort((a, b) => a.version - b.version)
      .map((row) => row.{{Entity|camel}});
  }

  protected async storedVersion(id: string): Promise<Date | null> {
    const row = this.#rows.get(id);
    return row ? new Date(row.version) : null;
  }

  protected async persist(entity: {{Entity}}): Promise<void> {
    this.#writes += 1;
    this.#rows.set(entity.id, { {{Entity|camel}}: entity, version: entity.updatedAt.getTime() });
  }

  protected async persistMany(entities: readonly {{Entity}}[]): Promise<void> {
    this.#writes += 1;
    for (const entity of entities) this.#rows.set(entity.id, { {{Entity|camel}}: entity, version: entity.updatedAt.getTime() });
  }
}

/** The object, frozen, with its type (private members included) intact. */
const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

// the measuring classes cannot be changed by the code under test (their instances are frozen too)
for (const measuring of [CountingBus, CountedStorageRepository]) {
  Object.freeze(measuring.prototype);
  Object.freeze(measuring);
}

const START = '2025-09-25T09:00:00Z';

interface {{Collection|pascal}} {
  bus: CountingBus;
  repository: CountedStorageRepository;
  service: {{Service}};
  ids: string[];
}

/** `size` {{Entities|lower}} stored at START; a fixed clock then moves on one minute. */
async function {{Collection|camel}}(size: number, statuses: Partial<Record<number, {{Entity}}Status>> = {}, clock: Clock = new FixedClock(START)): Promise<{{Collection|pascal}}> {
  const bus = frozen(new CountingBus());
  const repository = frozen(new CountedStorageRepository({ eventBus: bus, clock: frozen(clock) }));
  const ids = Array.from({ length: size }, (_, i) => `{{IdPrefix}}-${String(i + 1).padStart(3, '0')}`);
  await repository.bulkSave(ids.map((id, i) => new {{Entity}}({ id, {{NameField}}: `{{Entity}} ${id}`, status: statuses[i] ?? '{{Initial}}' }, { clock })));
  bus.forget();
  if (clock instanceof FixedClock) clock.advance(60_000);
  return { bus, repository, service: new {{Service}}({{#OwnRepository}}frozen(new {{Repository}}(repository)){{/OwnRepository}}{{^OwnRepository}}repository{{/OwnRepository}}), ids };
}

interface Usage {
  repo: RepositoryStats;
  storageReads: number;
  storageWrites: number;
  publishCalls: number;
  batchCalls: number;
  published: number;
}

async function measure(p: {{Collection|pascal}}, action: () => Promise<unknown>): Promise<Usage> {
  const before = { ...p.repository.stats };
  const [reads, writes] = [p.repository.storageReads, p.repository.storageWrites];
  const [publishCalls, batchCalls, published] = [p.bus.publishCalls, p.bus.batchCalls, p.bus.published.length];
  await action();
  const after = p.repository.stats;
  return {
    repo: {
      findById: after.findById - before.findById,
      findByIds: after.findByIds - before.findByIds,
      findUpdatedSince: after.findUpdatedSince - before.findUpdatedSince,
      save: after.save - before.save,
      bulkSave: after.bulkSave - before.bulkSave,
      queries: after.queries - before.queries,
    },
    storageReads: p.repository.storageReads - reads,
    storageWrites: p.repository.storageWrites - writes,
    publishCalls: p.bus.publishCalls - publishCalls,
    batchCalls: p.bus.batchCalls - batchCalls,
    published: p.bus.published.length - published,
  };
}

const statusesOf = async (p: {{Collection|pascal}}): Promise<{{Entity}}Status[]> => (await p.repository.findByIds(p.ids)).map(({{Entity|camel}}) => {{Entity|camel}}.status);
const updatesOf = (p: {{Collection|pascal}}, id: string): number => p.bus.published.filter((e) => e instanceof TimestampUpdatedEvent && e.entityId === id).length;

describe('{{Method}} — behaviour', () => {
  it('moves every listed {{Entity|lower}} to the new status and stores it', async () => {
    const p = await {{Collection|camel}}(5);
    await p.service.{{Method}}(p.ids.slice(0, 3), '{{Target}}');
    expect(await statusesOf(p)).toEqual(['{{Target}}', '{{Target}}', '{{Target}}', '{{Initial}}', '{{Initial}}']);
  });

  it('publishes a TimestampUpdated event for every changed {{Entity|lower}} and moves its updatedAt', async () => {
    const p = await {{Collection|camel}}(4);
    await p.service.{{Method}}(p.ids, '{{Other}}');
    const updated = new Set(p.bus.published.filter((e) => e instanceof TimestampUpdatedEvent).map((e) => e.entityId));
    expect([...updated].sort()).toEqual(p.ids);
    for (const {{Entity|camel}} of await p.repository.findByIds(p.ids)) {
      expect({{Entity|camel}}.updatedAt.getTime(), {{Entity|camel}}.id).toBeGreaterThanOrEqual(Date.parse('2025-09-25T09:01:00Z'));
    }
  });

  it('gives every changed {{Entity|lower}} the same updatedAt: one instant for the whole update', async () => {
    // every reading of this clock is one second later than the one before
    const p = await {{Collection|camel}}(6, { 2: '{{Target}}' }, new AdvancingClock(START, 1_000));
    const stored = Math.max(...(await p.repository.findByIds(p.ids)).map(({{Entity|camel}}) => {{Entity|camel}}.updatedAt.getTime()));
    await p.service.{{Method}}(p.ids, '{{Target}}');
    const changed = (await p.repository.findByIds(p.ids)).filter(({{Entity|camel}}) => {{Entity|camel}}.id !== '{{IdPrefix}}-003');
    const instants = new Set(changed.map(({{Entity|camel}}) => {{Entity|camel}}.updatedAt.getTime()));
    expect(instants.size).toBe(1);
    expect([...instants][0]).toBeGreaterThan(stored);
  });

  it('{{^ReturnsIds}}returns how many {{Entities|lower}} changed{{/ReturnsIds}}{{#ReturnsIds}}returns the ids of the {{Entities|lower}} that changed{{/ReturnsIds}} and leaves those already at the status alone', async () => {
    const p = await {{Collection|camel}}(4, { 1: '{{Other}}', 3: '{{Other}}' });
    const changed = await p.service.{{Method}}(p.ids, '{{Other}}');
    {{^ReturnsIds}}expect(changed).toBe(2);{{/ReturnsIds}}{{#ReturnsIds}}expect([...changed].sort()).toEqual(['{{IdPrefix}}-001', '{{IdPrefix}}-003']);{{/ReturnsIds}}
    const touched = new Set(p.bus.published.map((e) => e.entityId));
    expect([...touched].sort()).toEqual(['{{IdPrefix}}-001', '{{IdPrefix}}-003']);
    const [, second] = await p.repository.findByIds(['{{IdPrefix}}-001', '{{IdPrefix}}-002']);
    expect(second?.updatedAt).toEqual(new Date(START));
  });

  it('fails with NotFoundError for an unknown id, and changes, stores and publishes nothing', async () => {
    const p = await {{Collection|camel}}(3);
    let error: unknown;
    const used = await measure(p, async () => {
      error = await rejectionOf(p.service.{{Method}}(['{{IdPrefix}}-001', '{{IdPrefix}}-404', '{{IdPrefix}}-003'], '{{Target}}'));
    });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await statusesOf(p)).toEqual(['{{Initial}}', '{{Initial}}', '{{Initial}}']);
    expect(used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });

  it('refuses to move {{FinalArticle}} {{Final}} {{Entity|lower}} with a ValidationError, and changes, stores and publishes nothing', async () => {
    const p = await {{Collection|camel}}(4, { 2: '{{Final}}' });
    let error: unknown;
    const used = await measure(p, async () => {
      error = await rejectionOf(p.service.{{Method}}(p.ids, '{{Target}}'));
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(await statusesOf(p)).toEqual(['{{Initial}}', '{{Initial}}', '{{Final}}', '{{Initial}}']);
    for (const {{Entity|camel}} of await p.repository.findByIds(p.ids)) expect({{Entity|camel}}.updatedAt, {{Entity|camel}}.id).toEqual(new Date(START));
    expect(used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });

  it('leaves {{FinalArticle}} {{Final}} {{Entity|lower}} alone when the new status is {{Final}}: it is already there, not refused', async () => {
    const p = await {{Collection|camel}}(3, { 1: '{{Final}}' });
    const changed = await p.service.{{Method}}(p.ids, '{{Final}}');
    {{^ReturnsIds}}expect(changed).toBe(2);{{/ReturnsIds}}{{#ReturnsIds}}expect([...changed].sort()).toEqual(['{{IdPrefix}}-001', '{{IdPrefix}}-003']);{{/ReturnsIds}}
    expect(await statusesOf(p)).toEqual(['{{Final}}', '{{Final}}', '{{Final}}']);
    expect(updatesOf(p, '{{IdPrefix}}-002')).toBe(0);
    expect((await p.repository.getById('{{IdPrefix}}-002')).updatedAt).toEqual(new Date(START));
  });

  it('{{^RefuseDuplicates}}updates a {{Entity|lower}} listed twice once, without failing{{/RefuseDuplicates}}{{#RefuseDuplicates}}refuses a list naming a {{Entity|lower}} twice with a ValidationError, before any round trip{{/RefuseDuplicates}}', async () => {
    const p = await {{Collection|camel}}(2);
{{^RefuseDuplicates}}    const changed = await p.service.{{Method}}(['{{IdPrefix}}-001', '{{IdPrefix}}-002', '{{IdPrefix}}-001'], '{{Target}}');
    {{^ReturnsIds}}expect(changed).toBe(2);{{/ReturnsIds}}{{#ReturnsIds}}expect([...changed].sort()).toEqual(['{{IdPrefix}}-001', '{{IdPrefix}}-002']);{{/ReturnsIds}}
    expect(await statusesOf(p)).toEqual(['{{Target}}', '{{Target}}']);
    expect(updatesOf(p, '{{IdPrefix}}-001')).toBe(updatesOf(p, '{{IdPrefix}}-002'));
{{/RefuseDuplicates}}{{#RefuseDuplicates}}    let error: unknown;
    const used = await measure(p, async () => {
      error = await rejectionOf(p.service.{{Method}}(['{{IdPrefix}}-001', '{{IdPrefix}}-002', '{{IdPrefix}}-001'], '{{Target}}'));
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(used.repo.queries).toBe(0);
    expect(used.storageReads + used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
    expect(await statusesOf(p)).toEqual(['{{Initial}}', '{{Initial}}']);
{{/RefuseDuplicates}}  });
});

describe('{{Method}} — round trips', () => {
  it('loads the {{Entities|lower}} with one {{LoadMany}} call, not one {{FindOne}} per {{Entity|lower}}', async () => {
    const p = await {{Collection|camel}}(25);
    const used = await measure(p, () => p.service.{{Method}}(p.ids, '{{Target}}'));
    expect(used.repo.findById).toBe(0);
    expect(used.repo.findByIds).toBe(1);
    expect(used.storageReads).toBe(1);
  });

  it('stores the {{Entities|lower}} with one {{SaveMany}} call, not one {{SaveOne}} per {{Entity|lower}}', async () => {
    const p = await {{Collection|camel}}(25);
    const used = await measure(p, () => p.service.{{Method}}(p.ids, '{{Target}}'));
    expect(used.repo.save).toBe(0);
    expect(used.repo.bulkSave).toBe(1);
    expect(used.storageWrites).toBe(1);
  });

  it('publishes the events in one batch instead of one publish call per event', async () => {
    const p = await {{Collection|camel}}(25);
    const used = await measure(p, () => p.service.{{Method}}(p.ids, '{{Target}}'));
    expect(used.publishCalls).toBe(0);
    expect(used.batchCalls).toBe(1);
    expect(used.published).toBeGreaterThanOrEqual(25);
  });

  it('needs the same number of round trips for 3 {{Entities|lower}} as for 60', async () => {
    const small = await {{Collection|camel}}(3);
    const large = await {{Collection|camel}}(60);
    const forSmall = await measure(small, () => small.service.{{Method}}(small.ids, '{{Other}}'));
    const forLarge = await measure(large, () => large.service.{{Method}}(large.ids, '{{Other}}'));
    expect(forLarge.repo.queries).toBe(forSmall.repo.queries);
    expect(forLarge.storageReads + forLarge.storageWrites).toBe(forSmall.storageReads + forSmall.storageWrites);
    expect(forLarge.batchCalls + forLarge.publishCalls).toBe(forSmall.batchCalls + forSmall.publishCalls);
  });

  it('loads the {{Entities|lower}} again for every update: the second update of the same {{Entities|lower}} costs what the first did', async () => {
    const p = await {{Collection|camel}}(10);
    const first = await measure(p, () => p.service.{{Method}}(p.ids, '{{Target}}'));
    const second = await measure(p, () => p.service.{{Method}}(p.ids, '{{Other}}'));
    expect(second.repo).toEqual(first.repo);
    expect(second.storageReads).toBe(1);
    expect(await statusesOf(p)).toEqual(p.ids.map(() => '{{Other}}'));
  });

  it('writes and publishes nothing when every {{Entity|lower}} already has the status', async () => {
    const p = await {{Collection|camel}}(4, { 0: '{{Target}}', 1: '{{Target}}', 2: '{{Target}}', 3: '{{Target}}' });
    let changed: unknown;
    const used = await measure(p, async () => {
      changed = await p.service.{{Method}}(p.ids, '{{Target}}');
    });
    {{^ReturnsIds}}expect(changed).toBe(0);{{/ReturnsIds}}{{#ReturnsIds}}expect(changed).toEqual([]);{{/ReturnsIds}}
    expect(used.repo.findByIds).toBe(1);
    expect(used.repo.findById + used.repo.save + used.repo.bulkSave).toBe(0);
    expect(used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });

  it('makes no round trip for an empty list', async () => {
    const p = await {{Collection|camel}}(3);
    let changed: unknown;
    const used = await measure(p, async () => {
      changed = await p.service.{{Method}}([], '{{Target}}');
    });
    {{^ReturnsIds}}expect(changed).toBe(0);{{/ReturnsIds}}{{#ReturnsIds}}expect(changed).toEqual([]);{{/ReturnsIds}}
    expect(used.repo.queries).toBe(0);
    expect(used.storageReads + used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });
});
