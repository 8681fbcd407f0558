// Wrong: findById() passes an id that already contains the separator straight to the repository, so acme's scope can load "globex:9".
import type { TimestampRepository } from '@practicum/reference';
import { SEPARATOR, tenantKey, type MultiTenantTask } from './multi-tenant-task.ts';

/** Thrown when an entity of another tenant is handed to a scope. */
export class TenantMismatchError extends Error {
  override readonly name = 'TenantMismatchError';

  constructor(expectedTenantId: string, actualTenantId: string) {
    super(`Entity of tenant "${actualTenantId}" used in a scope for tenant "${expectedTenantId}"`);
  }
}

export class TenantScope {
  readonly tenantId: string;
  readonly #repository: TimestampRepository<MultiTenantTask>;

  constructor(repository: TimestampRepository<MultiTenantTask>, tenantId: string) {
    this.#repository = repository;
    this.tenantId = tenantId;
  }

  /** The task with this local id in this tenant, or null (also for ids of other tenants). */
  async findById(localId: string): Promise<MultiTenantTask | null> {
    // Callers sometimes already hold the full key.
    const key = localId.includes(SEPARATOR) ? localId : tenantKey(this.tenantId, localId);
    return this.#repository.findById(key);
  }

  /** This tenant's tasks updated strictly after `since`. */
  async findUpdatedSince(since: Date | string): Promise<MultiTenantTask[]> {
    // Against a database the tenant belongs in the WHERE clause; the in-memory repository has none.
    const tasks = await this.#repository.findUpdatedSince(since);
    return tasks.filter((task) => task.tenantId === this.tenantId);
  }

  async save(task: MultiTenantTask): Promise<void> {
    this.#assertOwn(task);
    await this.#repository.save(task);
  }

  async bulkSave(tasks: readonly MultiTenantTask[]): Promise<void> {
    // Every task is checked before anything is written: one foreign task stops the whole batch.
    for (const task of tasks) this.#assertOwn(task);
    await this.#repository.bulkSave(tasks);
  }

  #assertOwn(task: MultiTenantTask): void {
    if (task.tenantId !== this.tenantId) throw new TenantMismatchError(this.tenantId, task.tenantId);
  }
}
