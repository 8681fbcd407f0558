// The repository base: the one place entities are stamped, stored and their events published.
// save(): validate → Created event once for new entities → optimistic concurrency on updatedAt →
// persist → publish in order → clear. bulkSave(): one timestamp and one publishBatch per batch,
// all-or-nothing validation. Subclasses supply storage through the protected load/persist methods.
import { systemClock, type Clock } from './clock.ts';
import type { BaseTimestampEntity } from './entity.ts';
import { TimestampCreatedEvent, type DomainEvent, type EventBus } from './events.ts';
import { coerceToUtc } from './utc.ts';

export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

export interface RepositoryStats {
  findById: number;
  findByIds: number;
  findUpdatedSince: number;
  save: number;
  bulkSave: number;
  /** Every round trip to storage, whatever the method. */
  queries: number;
}

export interface RepositoryDeps {
  eventBus: EventBus;
  clock?: Clock;
}

export abstract class TimestampRepository<T extends BaseTimestampEntity> {
  protected readonly eventBus: EventBus;
  protected readonly clock: Clock;
  readonly #stats: RepositoryStats = { findById: 0, findByIds: 0, findUpdatedSince: 0, save: 0, bulkSave: 0, queries: 0 };

  constructor(deps: RepositoryDeps) {
    this.eventBus = deps.eventBus;
    this.clock = deps.clock ?? systemClock;
  }

  get stats(): Readonly<RepositoryStats> {
    return { ...this.#stats };
  }

  async save(entity: T): Promise<void> {
    this.#stats.save++;
    this.#stats.queries++;
    entity.validate();
    await this.#checkVersion(entity);
    const created = this.#createdEvent(entity);
    await this.persist(entity);
    entity.markPersisted(entity.updatedAt);
    const events = [...created, ...entity.getDomainEvents()];
    entity.clearDomainEvents();
    for (const event of events) this.eventBus.publish(event);
  }

  async bulkSave(entities: readonly T[]): Promise<void> {
    this.#stats.bulkSave++;
    this.#stats.queries++;
    if (entities.length === 0) return;
    const ids = new Set<string>();
    for (const entity of entities) {
      entity.validate();
      if (ids.has(entity.entityId)) throw new ConcurrencyError(`${entity.entityType} ${entity.entityId} appears twice in one batch`);
      ids.add(entity.entityId);
    }
    for (const entity of entities) await this.#checkVersion(entity);
    // One instant for the whole batch: every changed entity carries the same updatedAt.
    const batchInstant = this.clock.now();
    const created = new Map<T, DomainEvent[]>();
    for (const entity of entities) {
      if (entity.isNew) created.set(entity, this.#createdEvent(entity));
      else entity.stampUpdatedAt(batchInstant, 'bulk_save');
    }
    await this.persistMany(entities);
    const events: DomainEvent[] = [];
    for (const entity of entities) {
      entity.markPersisted(entity.updatedAt);
      events.push(...(created.get(entity) ?? []), ...entity.getDomainEvents());
      entity.clearDomainEvents();
    }
    this.eventBus.publishBatch(events);
  }

  async findById(id: string): Promise<T | null> {
    this.#stats.findById++;
    this.#stats.queries++;
    return this.loadOne(id);
  }

  async getById(id: string): Promise<T> {
    const found = await this.findById(id);
    if (!found) throw new NotFoundError(`No entity with id "${id}"`);
    return found;
  }

  /** Loads many in one round trip; unknown ids are skipped. */
  async findByIds(ids: readonly string[]): Promise<T[]> {
    this.#stats.findByIds++;
    this.#stats.queries++;
    return ids.length === 0 ? [] : this.loadMany([...new Set(ids)]);
  }

  /** Entities updated strictly after `since` (a zoned instant; naive strings are refused). */
  async findUpdatedSince(since: Date | string): Promise<T[]> {
    const instant = coerceToUtc(since);
    this.#stats.findUpdatedSince++;
    this.#stats.queries++;
    return this.loadUpdatedSince(instant);
  }

  async softDelete(entity: T, reason = 'deleted'): Promise<void> {
    entity.softDelete(reason);
    await this.save(entity);
  }

  protected abstract loadOne(id: string): Promise<T | null>;
  protected abstract loadMany(ids: readonly string[]): Promise<T[]>;
  protected abstract loadUpdatedSince(since: Date): Promise<T[]>;
  /** The updatedAt currently stored for `id`, or null when nothing is stored. */
  protected abstract storedVersion(id: string): Promise<Date | null>;
  protected abstract persist(entity: T): Promise<void>;
  protected abstract persistMany(entities: readonly T[]): Promise<void>;

  #createdEvent(entity: T): DomainEvent[] {
    if (!entity.isNew) return [];
    return [new TimestampCreatedEvent({ entityId: entity.entityId, entityType: entity.entityType, occurredAt: entity.createdAt, createdAt: entity.createdAt })];
  }

  /** Optimistic concurrency: the stored updatedAt must be the one this copy was loaded (or saved) at. */
  async #checkVersion(entity: T): Promise<void> {
    const stored = await this.storedVersion(entity.entityId);
    if (stored === null) return;
    if (entity.isNew) throw new ConcurrencyError(`${entity.entityType} ${entity.entityId} already exists`);
    const expected = entity.persistedVersion;
    if (expected === null || expected.getTime() !== stored.getTime()) {
      throw new ConcurrencyError(
        `${entity.entityType} ${entity.entityId} was changed by someone else (stored ${stored.toISOString()}, this copy ${expected?.toISOString() ?? 'never loaded'})`,
      );
    }
  }
}
