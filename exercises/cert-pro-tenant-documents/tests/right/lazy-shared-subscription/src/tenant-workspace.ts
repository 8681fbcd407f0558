// Right: the workspace shares one bus subscription among its handlers, taken when the first handler subscribes and released when the last one leaves, so nothing outlives its subscribers.
import type { DomainEvent, TimestampRepository } from '@practicum/reference';
import type { SubscribableEventBus } from './event-feed.ts';
import type { TenantDocument } from './tenant-document.ts';
import { SEPARATOR, TenantMismatchError, documentKey } from './tenant-key.ts';

export class TenantWorkspace {
  readonly tenantId: string;
  readonly #repository: TimestampRepository<TenantDocument>;
  readonly #bus: SubscribableEventBus;
  readonly #handlers = new Set<(event: DomainEvent) => void>();
  #release: (() => void) | null = null;

  constructor(repository: TimestampRepository<TenantDocument>, bus: SubscribableEventBus, tenantId: string) {
    if (tenantId.trim() === '' || tenantId.includes(SEPARATOR)) throw new RangeError(`invalid tenant id "${tenantId}"`);
    this.#repository = repository;
    this.#bus = bus;
    this.tenantId = tenantId;
  }

  async findById(localId: string): Promise<TenantDocument | null> {
    if (localId.includes(SEPARATOR)) return null;
    const document = await this.#repository.findById(documentKey(this.tenantId, localId));
    return document?.tenantId === this.tenantId ? document : null;
  }

  async findByIds(localIds: readonly string[]): Promise<TenantDocument[]> {
    const order = [...new Set(localIds.filter((id) => !id.includes(SEPARATOR)))];
    if (order.length === 0) return [];
    const found = await this.#repository.findByIds(order.map((id) => documentKey(this.tenantId, id)));
    const mine = found.filter((d) => d.tenantId === this.tenantId);
    return order.flatMap((id) => mine.filter((d) => d.id === id));
  }

  async findUpdatedSince(since: Date | string): Promise<TenantDocument[]> {
    return (await this.#repository.findUpdatedSince(since)).filter((d) => d.tenantId === this.tenantId);
  }

  async save(document: TenantDocument): Promise<void> {
    if (document.tenantId !== this.tenantId) throw new TenantMismatchError(this.tenantId, document.tenantId);
    await this.#repository.save(document);
  }

  async bulkSave(documents: readonly TenantDocument[]): Promise<void> {
    for (const d of documents) if (d.tenantId !== this.tenantId) throw new TenantMismatchError(this.tenantId, d.tenantId);
    await this.#repository.bulkSave(documents);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    const own = (event: DomainEvent): void => handler(event);
    this.#handlers.add(own);
    if (this.#release === null) {
      const prefix = `${this.tenantId}${SEPARATOR}`;
      this.#release = this.#bus.subscribe((event) => {
        if (event.entityType !== 'TenantDocument' || !event.entityId.startsWith(prefix)) return;
        for (const h of [...this.#handlers]) h(event);
      });
    }
    return () => {
      if (!this.#handlers.delete(own)) return;
      if (this.#handlers.size === 0 && this.#release !== null) {
        this.#release();
        this.#release = null;
      }
    };
  }
}
