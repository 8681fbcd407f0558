// Right: drives the source's iterator by hand (next() per row, return() on failure), validates a chunk by building every product before loading, and keeps the counts in the chunk loop.
import type { Clock, TimestampRepository } from '@practicum/reference';
import { Product, type CatalogueRow } from './product.ts';
import type { CheckpointStore } from './checkpoint-store.ts';

export const DEFAULT_CHUNK_SIZE = 500;

export interface ImportDeps {
  repository: TimestampRepository<Product>;
  checkpoints: CheckpointStore;
  clock: Clock;
}

export interface ImportFailure {
  offset: number;
  error: unknown;
}

export interface ImportReport {
  chunks: number;
  created: number;
  updated: number;
  unchanged: number;
  committed: number;
  failure: ImportFailure | null;
}

async function nextChunk(iterator: AsyncIterator<CatalogueRow>, size: number): Promise<CatalogueRow[]> {
  const chunk: CatalogueRow[] = [];
  while (chunk.length < size) {
    const step = await iterator.next();
    if (step.done) break;
    chunk.push(step.value);
  }
  return chunk;
}

export async function importCatalogue(
  source: AsyncIterable<CatalogueRow>,
  deps: ImportDeps,
  chunkSize: number = DEFAULT_CHUNK_SIZE,
): Promise<ImportReport> {
  if (typeof chunkSize !== 'number' || !Number.isSafeInteger(chunkSize) || chunkSize <= 0) throw new RangeError(`chunkSize ${chunkSize}`);
  const report: ImportReport = { chunks: 0, created: 0, updated: 0, unchanged: 0, committed: await deps.checkpoints.load(), failure: null };
  const iterator = source[Symbol.asyncIterator]();
  for (let skipped = 0; skipped < report.committed; skipped += 1) {
    if ((await iterator.next()).done) return report;
  }
  for (;;) {
    const chunk = await nextChunk(iterator, chunkSize);
    if (chunk.length === 0) return report;
    try {
      const bySku = new Map<string, Product>();
      for (const row of chunk) bySku.set(row.sku, new Product(row, { clock: deps.clock }));
      const found = await deps.repository.findByIds([...bySku.keys()]);
      const write: Product[] = [];
      let [created, updated, unchanged] = [0, 0, 0];
      for (const [sku, candidate] of bySku) {
        const existing = found.find((p) => p.sku === sku);
        const row = { sku, title: candidate.title, priceCents: candidate.priceCents };
        if (!existing) {
          write.push(candidate);
          created += 1;
        } else if (existing.matches(row)) {
          unchanged += 1;
        } else {
          existing.copyFrom(row);
          write.push(existing);
          updated += 1;
        }
      }
      if (write.length) await deps.repository.bulkSave(write);
      await deps.checkpoints.save(report.committed + chunk.length);
      report.committed += chunk.length;
      report.chunks += 1;
      report.created += created;
      report.updated += updated;
      report.unchanged += unchanged;
    } catch (error) {
      report.failure = { offset: report.committed, error };
      await iterator.return?.();
      return report;
    }
  }
}
