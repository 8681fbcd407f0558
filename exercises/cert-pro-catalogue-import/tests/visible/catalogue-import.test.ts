// Visible checks for the catalogue import task: run them while you work; the hidden tests decide.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Product, type CatalogueRow } from '../../starter/src/product.ts';
import { InMemoryCheckpointStore } from '../../starter/src/checkpoint-store.ts';
import { importCatalogue } from '../../starter/src/catalogue-import.ts';

const rows = (n: number): CatalogueRow[] =>
  Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i + 1}`, title: `Product ${i + 1}`, priceCents: 100 + i }));

async function* stream(list: readonly CatalogueRow[]): AsyncGenerator<CatalogueRow> {
  for (const row of list) yield row;
}

describe('importCatalogue (visible checks)', () => {
  it('loads and writes chunk by chunk, and records a checkpoint after each chunk', async () => {
    const clock = new FixedClock('2025-10-01T02:00:00Z');
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<Product>({ eventBus: bus, clock });
    const checkpoints = new InMemoryCheckpointStore();
    const report = await importCatalogue(stream(rows(1_200)), { repository, checkpoints, clock }, 500);
    expect(repository.stats.findByIds).toBe(3);
    expect(repository.stats.findById).toBe(0);
    expect(repository.stats.bulkSave).toBe(3);
    expect(bus.publishCalls).toBe(0);
    expect(await checkpoints.load()).toBe(1_200);
    expect(report.committed).toBe(1_200);
  });

  it('stops at a chunk with an invalid row and reports where, without throwing', async () => {
    const clock = new FixedClock('2025-10-01T02:00:00Z');
    const repository = new InMemoryRepository<Product>({ eventBus: new InMemoryEventBus(), clock });
    const checkpoints = new InMemoryCheckpointStore();
    const list = rows(30);
    list[14] = { sku: 'SKU-15', title: '', priceCents: 114 };
    const report = await importCatalogue(stream(list), { repository, checkpoints, clock }, 10);
    expect(report.failure?.offset).toBe(10);
    expect(report.committed).toBe(10);
    expect(repository.size).toBe(10);
  });
});
