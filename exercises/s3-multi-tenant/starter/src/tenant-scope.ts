// The only door application code has to the task repository: one scope per request, bound to
// the authenticated tenant. Today it simply passes everything through.
import type { TimestampRepository } from '@practicum/reference';
import type { MultiTenantTask } from './multi-tenant-task.ts';

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

  /** The task with this local id in this tenant, or null. */
  async findById(localId: string): Promise<MultiTenantTask | null> {
    return this.#repository.findById(localId);
  }

  /** This tenant's tasks updated strictly after `since`. */
  async findUpdatedSince(since: Date | string): Promise<MultiTenantTask[]> {
    return this.#repository.findUpdatedSince(since);
  }

  async save(task: MultiTenantTask): Promise<void> {
    await this.#repository.save(task);
  }

  async bulkSave(tasks: readonly MultiTenantTask[]): Promise<void> {
    await this.#repository.bulkSave(tasks);
  }
}
