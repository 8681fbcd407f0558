// Hidden suite for the high-throughput archive job: same results as the one-by-one version, but
// one findByIds, one bulkSave and one publishBatch per chunk, bounded chunks handled one after
// another, and safe re-runs. Round trips are counted twice, by the repository's own stats and
// underneath it where the storage is read and written, and publishes by a bus whose counters only
// the test can read — nothing the code under test does goes uncounted.
import { describe, it, expect } from 'vitest';
import {
  AdvancingClock,
  FixedClock,
  InMemoryRepository,
  TimestampUpdatedEvent,
  type Clock,
  type DomainEvent,
  type EventBus,
  type RepositoryStats,
} from '@practicum/reference';
import { Ticket } from '../../starter/src/ticket.ts';
import { archiveTickets } from '../../starter/src/archive-job.ts';

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

const START = '2025-06-02T01:00:00Z';

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

type StorageStep = 'read' | 'read done' | 'write' | 'write done';

/**
 * The in-memory repository, watched underneath its public methods: every read and write of the
 * storage is counted and logged when it starts and when it is done (so overlapping chunks show),
 * and the ids of every findByIds call are recorded (memory must hold one chunk at a time).
 */
class RecordingRepository extends InMemoryRepository<Ticket> {
  readonly batches: string[][] = [];
  readonly storageLog: StorageStep[] = [];
  #reads = 0;
  #writes = 0;

  get storageReads(): number {
    return this.#reads;
  }

  get storageWrites(): number {
    return this.#writes;
  }

  /** Sizes of the findByIds calls so far. */
  get batchSizes(): number[] {
    return this.batches.map((ids) => ids.length);
  }

  forget(): void {
    this.batches.length = 0;
    this.storageLog.length = 0;
  }

  override async findByIds(ids: readonly string[]): Promise<Ticket[]> {
    this.batches.push([...ids]);
    return super.findByIds(ids);
  }

  async #logged<T>(step: 'read' | 'write', work: () => Promise<T>): Promise<T> {
    if (step === 'read') this.#reads += 1;
    else this.#writes += 1;
    this.storageLog.push(step);
    const result = await work();
    this.storageLog.push(`${step} done`);
    return result;
  }

  protected override async loadOne(id: string): Promise<Ticket | null> {
    return this.#logged('read', () => super.loadOne(id));
  }

  protected override async loadMany(ids: readonly string[]): Promise<Ticket[]> {
    return this.#logged('read', () => super.loadMany(ids));
  }

  protected override async loadUpdatedSince(since: Date): Promise<Ticket[]> {
    return this.#logged('read', () => super.loadUpdatedSince(since));
  }

  protected override async persist(entity: Ticket): Promise<void> {
    return this.#logged('write', () => super.persist(entity));
  }

  protected override async persistMany(entities: readonly Ticket[]): Promise<void> {
    return this.#logged('write', () => super.persistMany(entities));
  }
}

interface Desk {
  bus: CountingBus;
  repository: RecordingRepository;
  ids: string[];
}

const idOf = (i: number): string => `T-${String(i + 1).padStart(5, '0')}`;

async function desk(size: number, options: { archived?: number; repositoryClock?: Clock } = {}): Promise<Desk> {
  const clock = new FixedClock(START);
  const bus = new CountingBus();
  const repository = new RecordingRepository({ eventBus: bus, clock: options.repositoryClock ?? clock });
  const ids = Array.from({ length: size }, (_, i) => idOf(i));
  const archived = options.archived ?? 0;
  await repository.bulkSave(ids.map((id, i) => new Ticket({ id, subject: `Ticket ${id}`, status: i < archived ? 'archived' : 'resolved' }, { clock })));
  repository.forget();
  bus.forget();
  return { bus, repository, ids };
}

interface Usage {
  repo: RepositoryStats;
  storageReads: number;
  storageWrites: number;
  publishCalls: number;
  batchCalls: number;
  published: number;
}

async function measure(d: Desk, action: () => Promise<unknown>): Promise<Usage> {
  const before = { ...d.repository.stats };
  const [reads, writes] = [d.repository.storageReads, d.repository.storageWrites];
  const [publishCalls, batchCalls, published] = [d.bus.publishCalls, d.bus.batchCalls, d.bus.published.length];
  await action();
  const after = d.repository.stats;
  return {
    repo: {
      findById: after.findById - before.findById,
      findByIds: after.findByIds - before.findByIds,
      findUpdatedSince: after.findUpdatedSince - before.findUpdatedSince,
      save: after.save - before.save,
      bulkSave: after.bulkSave - before.bulkSave,
      queries: after.queries - before.queries,
    },
    storageReads: d.repository.storageReads - reads,
    storageWrites: d.repository.storageWrites - writes,
    publishCalls: d.bus.publishCalls - publishCalls,
    batchCalls: d.bus.batchCalls - batchCalls,
    published: d.bus.published.length - published,
  };
}

describe('archiveTickets — behaviour', () => {
  it('archives every listed ticket and leaves the others as they were', async () => {
    const d = await desk(6);
    await archiveTickets(d.repository, d.ids.slice(0, 4), 3);
    const stored = await d.repository.findByIds(d.ids);
    expect(stored.map((t) => t.status)).toEqual(['archived', 'archived', 'archived', 'archived', 'resolved', 'resolved']);
  });

  it('publishes a TimestampUpdated event for every archived ticket and moves its updatedAt', async () => {
    const d = await desk(5, { repositoryClock: new FixedClock('2025-06-02T02:00:00Z') });
    await archiveTickets(d.repository, d.ids, 2);
    const updated = new Set(d.bus.published.filter((e) => e instanceof TimestampUpdatedEvent).map((e) => e.entityId));
    expect([...updated].sort()).toEqual(d.ids);
    for (const ticket of await d.repository.findByIds(d.ids)) {
      expect(ticket.updatedAt.getTime(), ticket.id).toBeGreaterThan(Date.parse(START));
    }
  });

  it('reports chunks, archived, skipped and missing tickets', async () => {
    const d = await desk(1197, { archived: 10 });
    const ids = [...d.ids, 'T-90001', 'T-90002', 'T-90003'];
    const report = await archiveTickets(d.repository, ids, 500);
    expect(report).toEqual({ chunks: 3, archived: 1187, skipped: 10, missing: 3 });
  });

  it('leaves already archived tickets alone: no event, same updatedAt', async () => {
    const d = await desk(4, { archived: 2, repositoryClock: new FixedClock('2025-06-02T02:00:00Z') });
    await archiveTickets(d.repository, d.ids, 10);
    const touched = new Set(d.bus.published.map((e) => e.entityId));
    expect(touched.has(idOf(0)) || touched.has(idOf(1))).toBe(false);
    const [first, second] = await d.repository.findByIds([idOf(0), idOf(1)]);
    expect(first?.updatedAt).toEqual(new Date(START));
    expect(second?.updatedAt).toEqual(new Date(START));
  });

  it('archives nothing, saves nothing and publishes nothing when run again', async () => {
    const d = await desk(30);
    await archiveTickets(d.repository, d.ids, 10);
    let report: unknown;
    const used = await measure(d, async () => {
      report = await archiveTickets(d.repository, d.ids, 10);
    });
    expect(report).toEqual({ chunks: 3, archived: 0, skipped: 30, missing: 0 });
    expect(used.repo.bulkSave + used.repo.save).toBe(0);
    expect(used.published).toBe(0);
  });

  it('rejects a chunk size that is not a whole number of at least 1 with RangeError', async () => {
    const d = await desk(3);
    for (const size of [0, -5, 2.5]) {
      expect(await rejectionOf(archiveTickets(d.repository, d.ids, size)), `chunk size ${size}`).toBeInstanceOf(RangeError);
    }
  });

  it('archives an id listed twice in one chunk once, and counts it once', async () => {
    const d = await desk(3);
    let report: unknown;
    const used = await measure(d, async () => {
      report = await archiveTickets(d.repository, [idOf(0), idOf(1), idOf(0)], 10);
    });
    expect(report).toEqual({ chunks: 1, archived: 2, skipped: 0, missing: 0 });
    expect(used.repo.bulkSave).toBe(1);
    const updates = (id: string): number => d.bus.published.filter((e) => e instanceof TimestampUpdatedEvent && e.entityId === id).length;
    expect(updates(idOf(0))).toBe(updates(idOf(1)));
  });

  it('makes no round trip and reports zeros for an empty list', async () => {
    const d = await desk(3);
    let report: unknown;
    const used = await measure(d, async () => {
      report = await archiveTickets(d.repository, []);
    });
    expect(report).toEqual({ chunks: 0, archived: 0, skipped: 0, missing: 0 });
    expect(used.repo.queries).toBe(0);
    expect(used.storageReads + used.storageWrites).toBe(0);
  });
});

describe('archiveTickets — round trips', () => {
  it('loads each chunk with one findByIds call and never one ticket at a time', async () => {
    const d = await desk(1200);
    const used = await measure(d, () => archiveTickets(d.repository, d.ids, 500));
    expect(used.repo.findById).toBe(0);
    expect(used.repo.findByIds).toBe(3);
    expect(used.storageReads).toBe(3);
  });

  it('stores each chunk with one bulkSave call and never one save per ticket', async () => {
    const d = await desk(1200);
    const used = await measure(d, () => archiveTickets(d.repository, d.ids, 500));
    expect(used.repo.save).toBe(0);
    expect(used.repo.bulkSave).toBe(3);
    expect(used.storageWrites).toBe(3);
  });

  it('publishes each chunk in one batch instead of one publish call per event', async () => {
    const d = await desk(1200);
    const used = await measure(d, () => archiveTickets(d.repository, d.ids, 500));
    expect(used.publishCalls).toBe(0);
    expect(used.batchCalls).toBe(3);
    expect(used.published).toBeGreaterThanOrEqual(1200);
  });

  it("never asks for more than one chunk of tickets at a time, each call with that chunk's ids", async () => {
    const d = await desk(1200);
    await archiveTickets(d.repository, d.ids, 500);
    expect(d.repository.batchSizes).toEqual([500, 500, 200]);
    const chunks = [d.ids.slice(0, 500), d.ids.slice(500, 1000), d.ids.slice(1000)];
    expect(d.repository.batches.map((ids) => [...ids].sort())).toEqual(chunks);
  });

  it('handles the chunks one after another: the next chunk is loaded only once the previous one is stored', async () => {
    const d = await desk(30);
    await archiveTickets(d.repository, d.ids, 10);
    expect(d.repository.storageLog).toEqual(['read', 'read done', 'write', 'write done', 'read', 'read done', 'write', 'write done', 'read', 'read done', 'write', 'write done']);
  });

  it('makes no write and publishes nothing for a chunk with nothing to archive', async () => {
    // three chunks of 5: the middle one is all archived already
    const d = await desk(15);
    await archiveTickets(d.repository, d.ids.slice(5, 10), 5);
    d.bus.forget();
    let report: unknown;
    const used = await measure(d, async () => {
      report = await archiveTickets(d.repository, d.ids, 5);
    });
    expect(report).toEqual({ chunks: 3, archived: 10, skipped: 5, missing: 0 });
    expect(used.repo.findByIds).toBe(3);
    expect(used.repo.bulkSave + used.repo.save).toBe(2);
    expect(used.storageWrites).toBe(2);
    expect(used.batchCalls + used.publishCalls).toBe(2);
  });

  it('stamps the tickets of one chunk with one shared instant', async () => {
    const d = await desk(6, { repositoryClock: new AdvancingClock('2025-06-02T02:00:00Z', 1_000) });
    await archiveTickets(d.repository, d.ids, 3);
    const stored = await d.repository.findByIds(d.ids);
    const instants = stored.map((t) => t.updatedAt.toISOString());
    expect(new Set(instants.slice(0, 3)).size).toBe(1);
    expect(new Set(instants.slice(3)).size).toBe(1);
    expect(instants[3]! > instants[0]!).toBe(true);
  });
});
