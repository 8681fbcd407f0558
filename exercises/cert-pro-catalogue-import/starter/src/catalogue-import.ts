// Nightly import of a supplier's catalogue (hundreds of thousands of rows) into our products.
// Ported as it was first written: it reads the whole file into memory, then loads, saves and
// publishes product by product; a failure anywhere means starting again from the first row.
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

export async function importCatalogue(
  source: AsyncIterable<CatalogueRow>,
  deps: ImportDeps,
  chunkSize: number = DEFAULT_CHUNK_SIZE,
): Promise<ImportReport> {
  void chunkSize;
  const rows: CatalogueRow[] = [];
  for await (const row of source) rows.push(row);
  const report: ImportReport = { chunks: 1, created: 0, updated: 0, unchanged: 0, committed: 0, failure: null };
  for (const row of rows) {
    const existing = await deps.repository.findById(row.sku);
    if (existing === null) {
      await deps.repository.save(new Product(row, { clock: deps.clock }));
      report.created += 1;
    } else if (existing.matches(row)) {
      report.unchanged += 1;
    } else {
      existing.copyFrom(row);
      existing.touch('imported');
      await deps.repository.save(existing);
      report.updated += 1;
    }
    report.committed += 1;
  }
  await deps.checkpoints.save(report.committed);
  return report;
}
