// Wrong: the run never reads the checkpoint: it starts from the first row every time and loads the committed rows again (idempotent, but not a resume).
// Nightly import of a supplier's catalogue (hundreds of thousands of rows) into our products. The
// source is read lazily, one chunk at a time: the next chunk is read only once the previous one is
// committed, so memory holds one chunk whatever the size of the file. Each chunk is one findByIds
// and at most one bulkSave (one instant, one write, one publishBatch), all or nothing: every row is
// checked before any product changes. After each committed chunk the checkpoint records how many
// rows are done; a failed chunk stops the run there, and the next run resumes from the checkpoint.
import type { Clock, TimestampRepository } from '@practicum/reference';
import { Product, type CatalogueRow } from './product.ts';
import type { CheckpointStore } from './checkpoint-store.ts';

export const DEFAULT_CHUNK_SIZE = 500;

export interface ImportDeps {
  repository: TimestampRepository<Product>;
  checkpoints: CheckpointStore;
  /** Stamps new products. */
  clock: Clock;
}

export interface ImportFailure {
  /** The first row (counted from the start of the source) of the chunk that failed. */
  offset: number;
  /** What failed it. */
  error: unknown;
}

export interface ImportReport {
  /** Chunks this run committed. */
  chunks: number;
  /** Products this run created, updated, and found unchanged. */
  created: number;
  updated: number;
  unchanged: number;
  /** Rows of the source committed in all, this run and earlier ones: the checkpoint. */
  committed: number;
  /** Why the run stopped early, or null when it read the source to the end. */
  failure: ImportFailure | null;
}

interface ChunkOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

export async function importCatalogue(
  source: AsyncIterable<CatalogueRow>,
  deps: ImportDeps,
  chunkSize: number = DEFAULT_CHUNK_SIZE,
): Promise<ImportReport> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a whole number of at least 1, got ${String(chunkSize)}`);
  }
  const resumeAt = 0;
  const report: ImportReport = { chunks: 0, created: 0, updated: 0, unchanged: 0, committed: resumeAt, failure: null };
  let read = 0;
  let chunk: CatalogueRow[] = [];

  /** Commits the gathered chunk; false when it failed (the run stops). */
  const flush = async (): Promise<boolean> => {
    const offset = report.committed;
    try {
      const outcome = await commitChunk(chunk, deps);
      await deps.checkpoints.save(offset + chunk.length);
      report.chunks += 1;
      report.created += outcome.created;
      report.updated += outcome.updated;
      report.unchanged += outcome.unchanged;
      report.committed = offset + chunk.length;
      chunk = [];
      return true;
    } catch (error) {
      report.failure = { offset, error };
      return false;
    }
  };

  // for await pulls the next row only when the body is done: a full chunk is committed before
  // another row is read (back-pressure on the source), and `break` closes the source.
  for await (const row of source) {
    read += 1;
    if (read <= resumeAt) continue; // committed by an earlier run: not loaded, not written
    chunk.push(row);
    if (chunk.length === chunkSize && !(await flush())) break;
  }
  if (report.failure === null && chunk.length > 0) await flush();
  return report;
}

/** One chunk, all or nothing: one findByIds, then at most one bulkSave. */
async function commitChunk(rows: readonly CatalogueRow[], deps: ImportDeps): Promise<ChunkOutcome> {
  // A SKU listed twice in one chunk is written once, with its later row.
  const latest = new Map<string, CatalogueRow>();
  // Every row must make a valid product before any product changes: the repository may hand out
  // the stored objects themselves, and a change made to them cannot be taken back.
  const fresh = new Map<string, Product>();
  for (const row of rows) {
    fresh.set(row.sku, new Product(row, { clock: deps.clock }));
    latest.set(row.sku, row);
  }
  const stored = new Map((await deps.repository.findByIds([...latest.keys()])).map((product) => [product.sku, product]));
  const outcome: ChunkOutcome = { created: 0, updated: 0, unchanged: 0 };
  const changed: Product[] = [];
  for (const [sku, row] of latest) {
    const existing = stored.get(sku);
    if (existing === undefined) {
      changed.push(fresh.get(sku) as Product);
      outcome.created += 1;
    } else if (existing.matches(row)) {
      outcome.unchanged += 1;
    } else {
      // No touch(): bulkSave stamps the chunk's instant and records the one event of this change.
      existing.copyFrom(row);
      changed.push(existing);
      outcome.updated += 1;
    }
  }
  if (changed.length > 0) await deps.repository.bulkSave(changed);
  return outcome;
}
