// Wrong: the feed routes by entity id only, so events of other kinds of entity with a tenant-like id reach the tenant's subscribers.
// One tenant's door to the shared document store, created per request for the authenticated
// tenant: reads return this tenant's documents only, writes accept this tenant's documents only
// (a batch is checked whole before anything is written), and the event feed forwards only events
// about this tenant's documents. It holds a bus subscription only while someone listens through it.
import type { DomainEvent, TimestampRepository } from '@practicum/reference';
import type { SubscribableEventBus } from './event-feed.ts';
import type { TenantDocument } from './tenant-document.ts';
import { SEPARATOR, TenantMismatchError, documentKey } from './tenant-key.ts';

export class TenantWorkspace {
  readonly tenantId: string;
  readonly #repository: TimestampRepository<TenantDocument>;
  readonly #bus: SubscribableEventBus;

  constructor(repository: TimestampRepository<TenantDocument>, bus: SubscribableEventBus, tenantId: string) {
    if (typeof tenantId !== 'string' || tenantId.trim() === '' || tenantId.includes(SEPARATOR)) {
      throw new RangeError(`A workspace needs a tenant id without "${SEPARATOR}", got ${JSON.stringify(tenantId)}`);
    }
    this.#repository = repository;
    this.#bus = bus;
    this.tenantId = tenantId;
  }

  /** This tenant's document with this local id, or null. */
  async findById(localId: string): Promise<TenantDocument | null> {
    if (!isLocalId(localId)) return null;
    const document = await this.#repository.findById(documentKey(this.tenantId, localId));
    return document !== null && this.#owns(document) ? document : null;
  }

  /** This tenant's documents with these local ids, in the order asked, each once. */
  async findByIds(localIds: readonly string[]): Promise<TenantDocument[]> {
    const wanted = [...new Set(localIds.filter(isLocalId))];
    if (wanted.length === 0) return [];
    const byKey = new Map<string, TenantDocument>();
    for (const document of await this.#repository.findByIds(wanted.map((id) => documentKey(this.tenantId, id)))) {
      if (this.#owns(document)) byKey.set(document.entityId, document);
    }
    return wanted.flatMap((id) => byKey.get(documentKey(this.tenantId, id)) ?? []);
  }

  /** This tenant's documents updated strictly after `since`. */
  async findUpdatedSince(since: Date | string): Promise<TenantDocument[]> {
    // Against a database the tenant belongs in the WHERE clause; the repository has no such filter.
    return (await this.#repository.findUpdatedSince(since)).filter((document) => this.#owns(document));
  }

  async save(document: TenantDocument): Promise<void> {
    this.#assertOwn(document);
    await this.#repository.save(document);
  }

  async bulkSave(documents: readonly TenantDocument[]): Promise<void> {
    // The whole batch first: one foreign document stops it before anything is written.
    for (const document of documents) this.#assertOwn(document);
    await this.#repository.bulkSave(documents);
  }

  /** Calls `handler` for every event about this tenant's documents; the returned function unsubscribes. */
  subscribe(handler: (event: DomainEvent) => void): () => void {
    // One bus subscription per subscriber, removed with it: a per-request workspace keeps nothing alive.
    return this.#bus.subscribe((event) => {
      if (tenantOf(event.entityId) === this.tenantId) handler(event);
    });
  }

  #owns(document: TenantDocument): boolean {
    return document.tenantId === this.tenantId;
  }

  #assertOwn(document: TenantDocument): void {
    if (!this.#owns(document)) throw new TenantMismatchError(this.tenantId, String(document.tenantId));
  }
}

/** A local id can name nothing outside its tenant: one with the separator is someone's entity id. */
function isLocalId(localId: unknown): localId is string {
  return typeof localId === 'string' && localId !== '' && !localId.includes(SEPARATOR);
}

/** The tenant an entity id belongs to: everything before the first separator (tenant ids never hold one). */
function tenantOf(entityId: string): string | null {
  const at = entityId.indexOf(SEPARATOR);
  return at > 0 ? entityId.slice(0, at) : null;
}
