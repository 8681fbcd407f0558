// Right: routes events by splitting the entity id at the separator, and keeps the repository's order for findByIds after de-duplicating the ids.
import type { DomainEvent, TimestampRepository } from '@practicum/reference';
import type { SubscribableEventBus } from './event-feed.ts';
import type { TenantDocument } from './tenant-document.ts';
import { SEPARATOR, TenantMismatchError, documentKey } from './tenant-key.ts';

export class TenantWorkspace {
  readonly tenantId: string;
  readonly #repository: TimestampRepository<TenantDocument>;
  readonly #bus: SubscribableEventBus;

  constructor(repository: TimestampRepository<TenantDocument>, bus: SubscribableEventBus, tenantId: string) {
    if (!tenantId.trim() || tenantId.includes(SEPARATOR)) throw new RangeError(`invalid tenant id "${tenantId}"`);
    this.#repository = repository;
    this.#bus = bus;
    this.tenantId = tenantId;
  }

  async findById(localId: string): Promise<TenantDocument | null> {
    const [found] = await this.findByIds([localId]);
    return found ?? null;
  }

  async findByIds(localIds: readonly string[]): Promise<TenantDocument[]> {
    const keys = [...new Set(localIds)].filter((id) => id !== '' && !id.includes(SEPARATOR)).map((id) => documentKey(this.tenantId, id));
    if (keys.length === 0) return [];
    const documents = await this.#repository.findByIds(keys);
    return documents.filter((d) => d.tenantId === this.tenantId);
  }

  async findUpdatedSince(since: Date | string): Promise<TenantDocument[]> {
    const documents = await this.#repository.findUpdatedSince(since);
    return documents.filter((d) => d.tenantId === this.tenantId);
  }

  async save(document: TenantDocument): Promise<void> {
    await this.bulkSaveOrSave([document], false);
  }

  async bulkSave(documents: readonly TenantDocument[]): Promise<void> {
    await this.bulkSaveOrSave(documents, true);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    return this.#bus.subscribe((event) => {
      if (event.entityType !== 'TenantDocument') return;
      const [tenant] = event.entityId.split(SEPARATOR);
      if (tenant === this.tenantId && event.entityId.includes(SEPARATOR)) handler(event);
    });
  }

  private async bulkSaveOrSave(documents: readonly TenantDocument[], bulk: boolean): Promise<void> {
    const foreign = documents.find((d) => d.tenantId !== this.tenantId);
    if (foreign) throw new TenantMismatchError(this.tenantId, foreign.tenantId);
    const [only] = documents;
    if (bulk || only === undefined) await this.#repository.bulkSave(documents);
    else await this.#repository.save(only);
  }
}
