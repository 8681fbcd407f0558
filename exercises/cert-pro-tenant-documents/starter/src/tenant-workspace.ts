// One tenant's door to the shared document store: created per request for the authenticated
// tenant. Today it passes everything through, whoever it belongs to.
import type { DomainEvent, TimestampRepository } from '@practicum/reference';
import type { SubscribableEventBus } from './event-feed.ts';
import type { TenantDocument } from './tenant-document.ts';

export class TenantWorkspace {
  readonly tenantId: string;
  readonly #repository: TimestampRepository<TenantDocument>;
  readonly #bus: SubscribableEventBus;

  constructor(repository: TimestampRepository<TenantDocument>, bus: SubscribableEventBus, tenantId: string) {
    this.#repository = repository;
    this.#bus = bus;
    this.tenantId = tenantId;
  }

  /** This tenant's document with this local id, or null. */
  async findById(localId: string): Promise<TenantDocument | null> {
    return this.#repository.findById(localId);
  }

  /** This tenant's documents with these local ids, in the order asked, each once. */
  async findByIds(localIds: readonly string[]): Promise<TenantDocument[]> {
    const found: TenantDocument[] = [];
    for (const localId of localIds) {
      const document = await this.#repository.findById(localId);
      if (document) found.push(document);
    }
    return found;
  }

  /** This tenant's documents updated strictly after `since`. */
  async findUpdatedSince(since: Date | string): Promise<TenantDocument[]> {
    return this.#repository.findUpdatedSince(since);
  }

  async save(document: TenantDocument): Promise<void> {
    await this.#repository.save(document);
  }

  async bulkSave(documents: readonly TenantDocument[]): Promise<void> {
    await this.#repository.bulkSave(documents);
  }

  /** Calls `handler` for every event about this tenant's documents; the returned function unsubscribes. */
  subscribe(handler: (event: DomainEvent) => void): () => void {
    return this.#bus.subscribe(handler);
  }
}
