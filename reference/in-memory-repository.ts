// A Map-backed repository for tests, exercises and local runs. It keeps the entity objects
// themselves (like an identity map), so a loaded entity is the stored one; soft-deleted
// entities are kept but never returned by the finders.
import type { BaseTimestampEntity } from './entity.ts';
import { TimestampRepository } from './repository.ts';

export class InMemoryRepository<T extends BaseTimestampEntity> extends TimestampRepository<T> {
  readonly #rows = new Map<string, { entity: T; version: number }>();

  /** Stored entities including soft-deleted ones (for assertions). */
  get size(): number {
    return this.#rows.size;
  }

  protected async loadOne(id: string): Promise<T | null> {
    const row = this.#rows.get(id);
    return row && !row.entity.isDeleted ? row.entity : null;
  }

  protected async loadMany(ids: readonly string[]): Promise<T[]> {
    return ids.flatMap((id) => {
      const row = this.#rows.get(id);
      return row && !row.entity.isDeleted ? [row.entity] : [];
    });
  }

  protected async loadUpdatedSince(since: Date): Promise<T[]> {
    const after = since.getTime();
    return [...this.#rows.values()]
      .filter((row) => !row.entity.isDeleted && row.version > after)
      .sort((a, b) => a.version - b.version)
      .map((row) => row.entity);
  }

  protected async storedVersion(id: string): Promise<Date | null> {
    const row = this.#rows.get(id);
    return row ? new Date(row.version) : null;
  }

  protected async persist(entity: T): Promise<void> {
    this.#rows.set(entity.entityId, { entity, version: entity.updatedAt.getTime() });
  }

  protected async persistMany(entities: readonly T[]): Promise<void> {
    for (const entity of entities) this.#rows.set(entity.entityId, { entity, version: entity.updatedAt.getTime() });
  }
}
