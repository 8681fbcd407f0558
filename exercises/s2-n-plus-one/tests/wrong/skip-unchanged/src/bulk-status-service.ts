// Wrong: bulk-saves only the tasks whose status changes, so tasks already at the status get no new updatedAt or event.
// Bulk status change behind the "move selected tasks" button of the board: one batch load,
// one bulk save (one shared timestamp) and one batch publish, whatever the number of tasks.
import { NotFoundError, type TimestampRepository } from '@practicum/reference';
import type { Task, TaskStatus } from './task.ts';

export class BulkStatusService {
  readonly #repository: TimestampRepository<Task>;

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Moves every listed task to `status`. All or nothing: an unknown id fails the whole update. */
  async bulkStatusUpdate(taskIds: readonly string[], status: TaskStatus): Promise<void> {
    const ids = [...new Set(taskIds)];
    if (ids.length === 0) return;
    const tasks = await this.#repository.findByIds(ids);
    // Check before changing anything, so a bad id leaves every task as it was.
    const found = new Set(tasks.map((task) => task.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFoundError(`Unknown task ids: ${missing.join(', ')}`);
    // bulkSave stamps every task with one batch timestamp and records the update event itself,
    // so the status is set directly instead of touching each task one by one.
    const changed = tasks.filter((task) => task.status !== status);
    for (const task of changed) task.status = status;
    if (changed.length > 0) await this.#repository.bulkSave(changed);
  }
}
