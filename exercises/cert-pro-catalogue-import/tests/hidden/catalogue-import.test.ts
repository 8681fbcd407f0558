// Hidden suite for the professional high-throughput task: the catalogue import reads its source
// lazily in chunks (never more than one chunk beyond the last committed row), loads and writes each
// chunk once, all or nothing, records a checkpoint only after a chunk's write, stops at a failed
// chunk with a report, and resumes from the checkpoint without loading committed rows again. The
// source, the storage (rows or, where it matters, the stored objects themselves), the bus and the
// checkpoint store belong to the test: it counts every pull, read, write, publish and checkpoint on
// its own side, with classes and instances frozen before the code under test sees them.
import { describe, it, expect } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  FixedClock,
  TimestampRepository,
  TimestampCreatedEvent,
  TimestampUpdatedEvent,
  ValidationError,
  type DomainEvent,
  type EventBus,
} from '@practicum/reference';
import { MAX_TITLE_LENGTH, Product, type CatalogueRow } from '../../starter/src/product.ts';
import type { CheckpointStore } from '../../starter/src/checkpoint-store.ts';
import { importCatalogue, type ImportReport } from '../../starter/src/catalogue-import.ts';

const START = '2025-10-01T02:00:00Z';
const START_MS = Date.parse(START);

/** A source of rows that counts every row it hands out and every time it is opened. */
class CountingSource implements AsyncIterable<CatalogueRow> {
  readonly #rows: readonly CatalogueRow[];
  readonly #beforeRow: ((index: number) => Promise<void>) | undefined;
  readonly #onRow: ((row: CatalogueRow, index: number) => void) | undefined;
  #pulled = 0;
  #opened = 0;

  /** `beforeRow` runs before the row at that index (from 0) is handed out, `onRow` with the row handed out. */
  constructor(rows: readonly CatalogueRow[], beforeRow?: (index: number) => Promise<void>, onRow?: (row: CatalogueRow, index: number) => void) {
    this.#rows = rows.map((row) => ({ ...row }));
    this.#beforeRow = beforeRow;
    this.#onRow = onRow;
  }

  get pulled(): number {
    return this.#pulled;
  }

  get opened(): number {
    return this.#opened;
  }

  [Symbol.asyncIterator](): AsyncIterator<CatalogueRow> {
    this.#opened += 1;
    let index = 0;
    const rows = this.#rows;
    const beforeRow = this.#beforeRow;
    const onRow = this.#onRow;
    const count = (): void => {
      this.#pulled += 1;
    };
    return {
      next: async (): Promise<IteratorResult<CatalogueRow>> => {
        await Promise.resolve();
        const row = rows[index];
        if (row === undefined) return { done: true, value: undefined };
        if (beforeRow) await beforeRow(index);
        const handedOut = { ...row };
        onRow?.(handedOut, index);
        index += 1;
        count();
        return { done: false, value: handedOut };
      },
      return: async (): Promise<IteratorResult<CatalogueRow>> => {
        index = rows.length;
        return { done: true, value: undefined };
      },
    };
  }
}

/** Records what is published and how; only the test reads it. */
class RecordingBus implements EventBus {
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

  publish(event: DomainEvent): void {
    this.#publishCalls += 1;
    this.#events.push(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    this.#batchCalls += 1;
    this.#events.push(...events);
  }
}

interface StoredRow {
  sku: string;
  title: string;
  priceCents: number;
  createdAt: number;
  updatedAt: number;
}

interface StorageOptions {
  /** 'rows': every read hands out fresh products, like a database. 'objects': the stored objects themselves, like the course's in-memory repository. */
  mode: 'rows' | 'objects';
  /** Numbers (from 1) of the storage writes / reads that fail, as when the database drops out. */
  failWrites?: readonly number[];
  failReads?: readonly number[];
  /** Called at every storage read and write, before it happens. */
  onAccess?: (kind: 'read' | 'write') => void;
  /** Called with every product storage hands out (rows mode) or is handed to write. */
  onProduct?: (product: Product) => void;
}

/** Fills a repository's storage directly, uncounted: only this file can reach it (not the code under test). */
const preloaders = new WeakMap<object, (rows: readonly CatalogueRow[], at: number) => void>();

function preload(repository: CountedRepository, rows: readonly CatalogueRow[], at: number): void {
  const fill = preloaders.get(repository);
  if (!fill) throw new Error('not a counted repository');
  fill(rows, at);
}

/** A product repository whose storage only this class reaches: every read and write is counted here. */
class CountedRepository extends TimestampRepository<Product> {
  readonly #rows = new Map<string, StoredRow>();
  readonly #objects = new Map<string, Product>();
  readonly #options: StorageOptions;
  readonly #loads: string[][] = [];
  #reads = 0;
  #writes = 0;
  #singleWrites = 0;

  constructor(options: StorageOptions, bus: EventBus, clock: FixedClock) {
    super({ eventBus: bus, clock });
    this.#options = { ...options };
    preloaders.set(this, (rows, at) => this.#preload(rows, at));
  }

  get reads(): number {
    return this.#reads;
  }

  /** Storage writes that succeeded or failed. */
  get writes(): number {
    return this.#writes;
  }

  get singleWrites(): number {
    return this.#singleWrites;
  }

  /** The SKUs of every findByIds, in order. */
  get loads(): string[][] {
    return this.#loads.map((ids) => [...ids]);
  }

  get size(): number {
    return this.#options.mode === 'rows' ? this.#rows.size : this.#objects.size;
  }

  /** What storage holds for a SKU, whatever the mode. */
  stored(sku: string): StoredRow | undefined {
    if (this.#options.mode === 'rows') {
      const row = this.#rows.get(sku);
      return row ? { ...row } : undefined;
    }
    const product = this.#objects.get(sku);
    return product ? { sku, title: product.title, priceCents: product.priceCents, createdAt: product.createdAt.getTime(), updatedAt: product.updatedAt.getTime() } : undefined;
  }

  /** The stored object itself (objects mode). */
  storedObject(sku: string): Product | undefined {
    return this.#objects.get(sku);
  }

  /** The catalogue as it was before tonight. */
  #preload(rows: readonly CatalogueRow[], at: number): void {
    for (const row of rows) {
      if (this.#options.mode === 'rows') this.#rows.set(row.sku, { ...row, createdAt: at, updatedAt: at });
      else this.#objects.set(row.sku, new Product(row, { clock: this.clock, createdAt: new Date(at), updatedAt: new Date(at) }));
    }
  }

  #hydrate(sku: string): Product | null {
    if (this.#options.mode === 'objects') return this.#objects.get(sku) ?? null;
    const row = this.#rows.get(sku);
    if (!row) return null;
    const product = new Product({ sku: row.sku, title: row.title, priceCents: row.priceCents }, { clock: this.clock, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) });
    this.#options.onProduct?.(product);
    return product;
  }

  #read(): void {
    this.#options.onAccess?.('read');
    this.#reads += 1;
    if (this.#options.failReads?.includes(this.#reads)) throw new Error(`storage unavailable (read ${this.#reads})`);
  }

  #write(products: readonly Product[]): void {
    this.#options.onAccess?.('write');
    this.#writes += 1;
    if (this.#options.failWrites?.includes(this.#writes)) throw new Error(`storage unavailable (write ${this.#writes})`);
    for (const product of products) {
      this.#options.onProduct?.(product);
      if (this.#options.mode === 'rows') {
        this.#rows.set(product.sku, { sku: product.sku, title: product.title, priceCents: product.priceCents, createdAt: product.createdAt.getTime(), updatedAt: product.updatedAt.getTime() });
      } else {
        this.#objects.set(product.sku, product);
      }
    }
  }

  protected async loadOne(id: string): Promise<Product | null> {
    this.#read();
    return this.#hydrate(id);
  }

  protected async loadMany(ids: readonly string[]): Promise<Product[]> {
    this.#read();
    this.#loads.push([...ids]);
    return ids.flatMap((id) => this.#hydrate(id) ?? []);
  }

  protected async loadUpdatedSince(since: Date): Promise<Product[]> {
    this.#read();
    return [...(this.#options.mode === 'rows' ? this.#rows.keys() : this.#objects.keys())]
      .map((sku) => this.#hydrate(sku))
      .filter((p): p is Product => p !== null && p.updatedAt.getTime() > since.getTime());
  }

  protected async storedVersion(id: string): Promise<Date | null> {
    const at = this.stored(id)?.updatedAt;
    return at === undefined ? null : new Date(at);
  }

  protected async persist(entity: Product): Promise<void> {
    this.#singleWrites += 1;
    this.#write([entity]);
  }

  protected async persistMany(entities: readonly Product[]): Promise<void> {
    this.#write(entities);
  }
}

/** Records every checkpoint saved; only the test reads them. */
class RecordingCheckpoints implements CheckpointStore {
  #rows: number;
  readonly #saves: number[] = [];
  readonly #onSave: ((rows: number) => void) | undefined;
  #loads = 0;

  constructor(start = 0, onSave?: (rows: number) => void) {
    this.#rows = start;
    this.#onSave = onSave;
  }

  get value(): number {
    return this.#rows;
  }

  get saves(): number[] {
    return [...this.#saves];
  }

  get loads(): number {
    return this.#loads;
  }

  async load(): Promise<number> {
    this.#loads += 1;
    return this.#rows;
  }

  async save(rows: number): Promise<void> {
    this.#onSave?.(rows);
    this.#saves.push(rows);
    this.#rows = rows;
  }
}

for (const measuring of [CountingSource, RecordingBus, CountedRepository, RecordingCheckpoints]) {
  Object.freeze(measuring.prototype);
  Object.freeze(measuring);
}
const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

const sku = (i: number): string => `SKU-${String(i).padStart(6, '0')}`;

/** Rows for products from..to (inclusive): "Product i" at 100 + i cents unless told otherwise. */
function rows(from: number, to: number, change: (i: number) => Partial<CatalogueRow> = () => ({})): CatalogueRow[] {
  return Array.from({ length: to - from + 1 }, (_, k) => {
    const i = from + k;
    return { sku: sku(i), title: `Product ${i}`, priceCents: 100 + i, ...change(i) };
  });
}

interface World {
  clock: FixedClock;
  bus: RecordingBus;
  repository: CountedRepository;
  checkpoints: RecordingCheckpoints;
}

function world(options: Partial<StorageOptions> = {}, checkpoints?: RecordingCheckpoints): World {
  const clock = frozen(new FixedClock(START));
  const bus = frozen(new RecordingBus());
  const repository = frozen(new CountedRepository({ mode: 'rows', ...options }, bus, clock));
  return { clock, bus, repository, checkpoints: checkpoints ?? frozen(new RecordingCheckpoints()) };
}

async function run(w: World, source: CountingSource, chunkSize?: number): Promise<ImportReport> {
  const deps = { repository: w.repository, checkpoints: w.checkpoints, clock: w.clock };
  return chunkSize === undefined ? importCatalogue(source, deps) : importCatalogue(source, deps, chunkSize);
}

const created = (events: readonly DomainEvent[]): string[] => events.filter((e) => e instanceof TimestampCreatedEvent).map((e) => e.entityId);
const updated = (events: readonly DomainEvent[]): string[] => events.filter((e) => e instanceof TimestampUpdatedEvent).map((e) => e.entityId);

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe('3. The right changes, once', () => {
  it("creates a product for every new SKU with the row's title and price, stamped by the given clock, and publishes its TimestampCreated", async () => {
    const w = world();
    w.clock.advance(60_000);
    const report = await run(w, new CountingSource(rows(1, 7)), 3);
    for (let i = 1; i <= 7; i += 1) {
      expect(w.repository.stored(sku(i)), sku(i)).toEqual({ sku: sku(i), title: `Product ${i}`, priceCents: 100 + i, createdAt: START_MS + 60_000, updatedAt: START_MS + 60_000 });
    }
    expect(created(w.bus.published)).toEqual(rows(1, 7).map((r) => r.sku));
    expect(report).toEqual({ chunks: 3, created: 7, updated: 0, unchanged: 0, committed: 7, failure: null });
  });

  it('updates the products whose title or price changed, each with exactly one TimestampUpdated, and leaves matching ones alone', async () => {
    const w = world();
    preload(w.repository, rows(1, 6), START_MS);
    w.clock.advance(60_000);
    const renamed = rows(1, 2, (i) => ({ title: `Product ${i} (new)` }));
    const repriced = rows(3, 4, (i) => ({ priceCents: 1_000 + i }));
    const same = rows(5, 6);
    const fresh = rows(7, 8);
    // every chunk mixes a renamed, a new, a repriced and an unchanged product
    const tonight = [0, 1].flatMap((k) => [renamed[k], fresh[k], repriced[k], same[k]].filter((r): r is CatalogueRow => r !== undefined));
    const report = await run(w, new CountingSource(tonight), 4);
    expect([w.repository.writes, w.repository.stats.bulkSave, w.bus.batchCalls, w.bus.publishCalls], 'writes, bulkSave calls, publishBatch and publish calls for two mixed chunks').toEqual([2, 2, 2, 0]);
    expect(report).toEqual({ chunks: 2, created: 2, updated: 4, unchanged: 2, committed: 8, failure: null });
    for (const row of tonight) expect({ title: w.repository.stored(row.sku)?.title, priceCents: w.repository.stored(row.sku)?.priceCents }, row.sku).toEqual({ title: row.title, priceCents: row.priceCents });
    expect(updated(w.bus.published).sort()).toEqual([sku(1), sku(2), sku(3), sku(4)]);
    for (const i of [1, 2, 3, 4]) expect(w.repository.stored(sku(i))?.updatedAt, sku(i)).toBeGreaterThan(START_MS);
    for (const i of [5, 6]) expect(w.repository.stored(sku(i))?.updatedAt, sku(i)).toBe(START_MS);
    expect(created(w.bus.published).sort()).toEqual([sku(7), sku(8)]);
  });

  it('writes a SKU listed twice within one chunk once, with its later row; listed in two chunks, the first creates it and the second updates it', async () => {
    const w = world();
    const tonight = [
      { sku: sku(1), title: 'First try', priceCents: 1 },
      { sku: sku(2), title: 'Two', priceCents: 2 },
      { sku: sku(1), title: 'Second try', priceCents: 11 },
      { sku: sku(3), title: 'Three', priceCents: 3 },
      { sku: sku(1), title: 'Third try', priceCents: 111 },
      { sku: sku(3), title: 'Three, corrected', priceCents: 33 },
    ];
    const report = await run(w, new CountingSource(tonight), 3);
    expect(w.repository.stored(sku(1))).toMatchObject({ title: 'Third try', priceCents: 111 });
    expect(w.repository.stored(sku(2))).toMatchObject({ title: 'Two', priceCents: 2 });
    expect(w.repository.stored(sku(3))).toMatchObject({ title: 'Three, corrected', priceCents: 33 });
    expect(created(w.bus.published)).toEqual([sku(1), sku(2), sku(3)]);
    expect(updated(w.bus.published)).toEqual([sku(1)]);
    expect(report).toEqual({ chunks: 2, created: 3, updated: 1, unchanged: 0, committed: 6, failure: null });
  });
});

describe('1–2. Chunks, one load and one write each', () => {
  it('loads each chunk with one findByIds of at most chunkSize SKUs, never findById', async () => {
    const w = world();
    await run(w, new CountingSource(rows(1, 1_200)), 500);
    expect(w.repository.loads.map((ids) => ids.length)).toEqual([500, 500, 200]);
    expect(w.repository.loads.flat()).toEqual(rows(1, 1_200).map((r) => r.sku));
    expect(w.repository.reads).toBe(3);
    expect(w.repository.stats.findById).toBe(0);
  });

  it('writes each chunk with one bulkSave and publishes it with one publishBatch, never save or publish', async () => {
    const w = world();
    await run(w, new CountingSource(rows(1, 1_200)), 500);
    expect(w.repository.writes).toBe(3);
    expect(w.repository.singleWrites).toBe(0);
    expect(w.repository.stats.save).toBe(0);
    expect(w.repository.stats.bulkSave).toBe(3);
    expect(w.bus.batchCalls).toBe(3);
    expect(w.bus.publishCalls).toBe(0);
    expect(w.repository.size).toBe(1_200);
  });

  it('writes nothing for a chunk in which nothing is new or changed, and still records its checkpoint', async () => {
    const w = world();
    preload(w.repository, rows(1, 1_000), START_MS);
    const report = await run(w, new CountingSource(rows(1, 1_200)), 500);
    expect(w.repository.writes).toBe(1);
    expect(w.bus.published).toHaveLength(200);
    expect(w.checkpoints.saves).toEqual([500, 1_000, 1_200]);
    expect(report).toEqual({ chunks: 3, created: 200, updated: 0, unchanged: 1_000, committed: 1_200, failure: null });
  });

  it('imports 10 000 rows in chunks of 500 with 20 loads and 20 writes', async () => {
    const w = world();
    const report = await run(w, new CountingSource(rows(1, 10_000)));
    expect(report).toEqual({ chunks: 20, created: 10_000, updated: 0, unchanged: 0, committed: 10_000, failure: null });
    expect([w.repository.reads, w.repository.writes, w.bus.batchCalls, w.bus.publishCalls]).toEqual([20, 20, 20, 0]);
  });

  it('reads the source once and lazily: never more than chunkSize rows beyond the last committed row', async () => {
    for (const chunkSize of [250, 7, 1]) {
      const source = new CountingSource(rows(1, 2_000));
      let checkpoint = 0;
      let worst = 0;
      const watch = (): void => {
        worst = Math.max(worst, source.pulled - checkpoint);
      };
      const checkpoints = frozen(
        new RecordingCheckpoints(0, (n) => {
          watch();
          checkpoint = n;
        }),
      );
      const w = world({ onAccess: watch }, checkpoints);
      await run(w, source, chunkSize);
      expect(worst, `rows read beyond the last committed row, chunkSize ${chunkSize}`).toBeLessThanOrEqual(chunkSize);
      expect(source.pulled, `rows read, chunkSize ${chunkSize}`).toBe(2_000);
      expect(source.opened, `times the source was opened, chunkSize ${chunkSize}`).toBe(1);
      expect(w.repository.size).toBe(2_000);
    }
  });
});

/** A full, synchronous garbage collection: the sandbox has no --expose-gc, so it is switched on here. */
const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('1. Memory holds one chunk', () => {
  it('keeps no row or product of chunks committed earlier alive while the import runs on', async () => {
    const CHUNK = 100;
    const TOTAL = 3_000;
    const refs: { chunk: number; ref: WeakRef<object> }[] = [];
    const worst: number[] = [];
    const source = new CountingSource(
      rows(1, TOTAL, (i) => (i % 2 === 0 ? { title: `Product ${i}, revised` } : {})),
      async (index) => {
        if (index % CHUNK !== 0 || index / CHUNK < 6 || (index / CHUNK) % 6 !== 0) return;
        // the import is waiting for the first row of chunk k: chunks up to k - 2 are long committed
        const k = index / CHUNK;
        for (let pass = 0; pass < 3; pass += 1) {
          await nextMacrotask();
          collectGarbage();
        }
        worst.push(refs.filter((r) => r.chunk <= k - 2 && r.ref.deref() !== undefined).length);
      },
      (row, index) => {
        refs.push({ chunk: Math.floor(index / CHUNK), ref: new WeakRef(row) });
      },
    );
    const w = world({
      onProduct: (product) => {
        refs.push({ chunk: Math.floor((Number(product.sku.slice(4)) - 1) / CHUNK), ref: new WeakRef(product) });
      },
    });
    preload(w.repository, rows(1, TOTAL).filter((_, i) => i % 3 === 0), START_MS);
    const report = await run(w, source, CHUNK);
    expect(report.committed).toBe(TOTAL);
    expect(worst.length, 'measurements taken').toBe(4);
    // a run that holds one chunk (or two) keeps none of the older rows and products; one that keeps
    // what it read, loaded or wrote keeps hundreds
    expect(Math.max(...worst), `rows and products of chunks committed two or more chunks earlier still alive, at chunks 6, 12, 18, 24: ${worst.join(', ')}`).toBeLessThan(CHUNK);
  });
});

describe('5. Checkpoints', () => {
  it("records the checkpoint after each chunk's write, chunk by chunk, counting rows from the first", async () => {
    const snapshots: { rows: number; writes: number; stored: number }[] = [];
    let repository: CountedRepository | undefined;
    const checkpoints = frozen(
      new RecordingCheckpoints(0, (n) => {
        snapshots.push({ rows: n, writes: repository?.writes ?? -1, stored: repository?.size ?? -1 });
      }),
    );
    const w = world({}, checkpoints);
    repository = w.repository;
    await run(w, new CountingSource(rows(1, 1_200)), 500);
    expect(snapshots).toEqual([
      { rows: 500, writes: 1, stored: 500 },
      { rows: 1_000, writes: 2, stored: 1_000 },
      { rows: 1_200, writes: 3, stored: 1_200 },
    ]);
    expect(w.checkpoints.value).toBe(1_200);
  });
});

describe('4. All or nothing per chunk', () => {
  it('a row that breaks a product rule fails its chunk: nothing of it is stored or published, earlier chunks stay, and the run stops there with a report', async () => {
    const bad: Partial<CatalogueRow>[] = [{ title: '' }, { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) }, { priceCents: -1 }, { priceCents: 9.99 }, { sku: '  ' }];
    for (const breaking of bad) {
      const label = JSON.stringify(breaking).slice(0, 40);
      const source = new CountingSource(rows(1, 1_000, (i) => (i === 450 ? breaking : {})));
      const w = world();
      const report = await run(w, source, 200);
      expect(report.failure?.offset, `failure offset, ${label}`).toBe(400);
      expect(report.failure?.error, `failure error, ${label}`).toBeInstanceOf(ValidationError);
      expect({ ...report, failure: null }, `report, ${label}`).toEqual({ chunks: 2, created: 400, updated: 0, unchanged: 0, committed: 400, failure: null });
      expect(w.checkpoints.saves, `checkpoints, ${label}`).toEqual([200, 400]);
      expect(w.repository.size, `products stored, ${label}`).toBe(400);
      expect(w.repository.stored(sku(401)), `first product of the failed chunk, ${label}`).toBeUndefined();
      expect(w.bus.published, `events published, ${label}`).toHaveLength(400);
      expect(source.pulled, `rows read, ${label}`).toBeLessThanOrEqual(600);
    }
  });

  it('a refused chunk leaves the stored products exactly as they were, also when the repository hands out the stored objects themselves', async () => {
    const w = world({ mode: 'objects' });
    preload(w.repository, rows(1, 10), START_MS);
    w.clock.advance(60_000);
    const tonight = [...rows(1, 5, (i) => ({ title: `Product ${i} (renamed)`, priceCents: 5_000 + i })), { sku: sku(6), title: ' ', priceCents: 106 }, ...rows(7, 10)];
    const report = await run(w, new CountingSource(tonight), 10);
    expect(report.failure?.offset).toBe(0);
    expect(report.failure?.error).toBeInstanceOf(ValidationError);
    for (let i = 1; i <= 10; i += 1) {
      expect(w.repository.stored(sku(i)), sku(i)).toEqual({ sku: sku(i), title: `Product ${i}`, priceCents: 100 + i, createdAt: START_MS, updatedAt: START_MS });
      expect(w.repository.storedObject(sku(i))?.getDomainEvents(), `pending events of ${sku(i)}`).toEqual([]);
    }
    expect(w.bus.published).toEqual([]);
    expect(w.checkpoints.saves).toEqual([]);
  });

  it('a chunk whose write fails is not committed: the report names its offset and the error, the checkpoint stays at its start, and nothing further is read', async () => {
    const source = new CountingSource(rows(1, 1_200));
    const w = world({ failWrites: [2] });
    const report = await run(w, source, 500);
    expect(report.failure?.offset).toBe(500);
    expect(String((report.failure?.error as Error | undefined)?.message)).toContain('storage unavailable');
    expect({ ...report, failure: null }).toEqual({ chunks: 1, created: 500, updated: 0, unchanged: 0, committed: 500, failure: null });
    expect(w.checkpoints.saves).toEqual([500]);
    expect(w.repository.size).toBe(500);
    expect(w.bus.published).toHaveLength(500);
    expect(source.pulled).toBeLessThanOrEqual(1_000);
    expect(w.repository.writes).toBe(2);
  });

  it('a chunk whose load fails is not committed either, and the run stops there', async () => {
    const source = new CountingSource(rows(1, 1_200));
    const w = world({ failReads: [2] });
    const report = await run(w, source, 500);
    expect(report.failure?.offset).toBe(500);
    expect(String((report.failure?.error as Error | undefined)?.message)).toContain('storage unavailable');
    expect(report.committed).toBe(500);
    expect(w.checkpoints.saves).toEqual([500]);
    expect(w.repository.writes).toBe(1);
    expect(w.repository.reads).toBe(2);
    expect(source.pulled).toBeLessThanOrEqual(1_000);
  });
});

describe('6. Stop, report, resume', () => {
  it('the next run skips the committed rows without loading or writing them, imports the rest, and ends with every product once', async () => {
    const w = world({ failWrites: [2] });
    const first = await run(w, new CountingSource(rows(1, 1_200)), 500);
    expect(first.failure?.offset).toBe(500);
    const loadsBefore = w.repository.loads.length;
    const source = new CountingSource(rows(1, 1_200));
    const second = await run(w, source, 500);
    expect(second).toEqual({ chunks: 2, created: 700, updated: 0, unchanged: 0, committed: 1_200, failure: null });
    const loaded = w.repository.loads.slice(loadsBefore);
    expect(loaded.map((ids) => ids.length)).toEqual([500, 200]);
    expect(loaded.flat()).toEqual(rows(501, 1_200).map((r) => r.sku));
    expect(w.checkpoints.saves).toEqual([500, 1_000, 1_200]);
    expect(w.repository.size).toBe(1_200);
    expect(created(w.bus.published)).toEqual(rows(1, 1_200).map((r) => r.sku));
    expect(source.opened).toBe(1);
  });

  it("a run resumed with another chunk size starts its chunks at the checkpoint", async () => {
    const w = world({ failWrites: [2] });
    await run(w, new CountingSource(rows(1, 1_200)), 500);
    const loadsBefore = w.repository.loads.length;
    const report = await run(w, new CountingSource(rows(1, 1_200)), 300);
    expect(w.repository.loads.slice(loadsBefore).map((ids) => [ids[0], ids.length])).toEqual([
      [sku(501), 300],
      [sku(801), 300],
      [sku(1_101), 100],
    ]);
    expect(w.checkpoints.saves).toEqual([500, 800, 1_100, 1_200]);
    expect(report).toEqual({ chunks: 3, created: 700, updated: 0, unchanged: 0, committed: 1_200, failure: null });
  });

  it('running the import again over data already imported changes nothing: no write, no event, every product unchanged', async () => {
    const w = world();
    await run(w, new CountingSource(rows(1, 1_200)), 500);
    const writes = w.repository.writes;
    const events = w.bus.published.length;
    const fresh: World = { ...w, checkpoints: frozen(new RecordingCheckpoints()) };
    w.clock.advance(3_600_000);
    const report = await run(fresh, new CountingSource(rows(1, 1_200)), 500);
    expect(report).toEqual({ chunks: 3, created: 0, updated: 0, unchanged: 1_200, committed: 1_200, failure: null });
    expect(w.repository.writes - writes).toBe(0);
    expect(w.bus.published.length - events).toBe(0);
    expect(fresh.checkpoints.saves).toEqual([500, 1_000, 1_200]);
  });

  it('a run with nothing left to import makes no round trip and reports zeros, with committed at the checkpoint', async () => {
    const w = world();
    await run(w, new CountingSource(rows(1, 300)), 100);
    const [reads, writes] = [w.repository.reads, w.repository.writes];
    const report = await run(w, new CountingSource(rows(1, 300)), 100);
    expect(report).toEqual({ chunks: 0, created: 0, updated: 0, unchanged: 0, committed: 300, failure: null });
    expect([w.repository.reads - reads, w.repository.writes - writes]).toEqual([0, 0]);
    const empty = world();
    expect(await run(empty, new CountingSource([]), 100)).toEqual({ chunks: 0, created: 0, updated: 0, unchanged: 0, committed: 0, failure: null });
    expect([empty.repository.reads, empty.repository.writes, empty.checkpoints.saves.length]).toEqual([0, 0, 0]);
  });
});

describe('8. Chunk size', () => {
  it('refuses a chunkSize that is not a whole number of at least 1 with RangeError, before reading anything', async () => {
    for (const chunkSize of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const source = new CountingSource(rows(1, 10));
      const w = world();
      const error = await rejectionOf(run(w, source, chunkSize));
      expect(error, `chunkSize ${chunkSize}`).toBeInstanceOf(RangeError);
      expect([source.pulled, w.repository.reads, w.repository.writes, w.checkpoints.saves.length], `work done with chunkSize ${chunkSize}`).toEqual([0, 0, 0, 0]);
    }
  });
});
