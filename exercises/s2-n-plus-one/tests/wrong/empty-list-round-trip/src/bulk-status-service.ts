// Wrong: an empty list still costs a findByIds and a bulkSave round trip.
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
    const tasks = await this.#repository.findByIds(ids);
    const found = new Set(tasks.map((task) => task.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFoundError(`Unknown task ids: ${missing.join(', ')}`);
    for (const task of tasks) task.status = status;
    await this.#repository.bulkSave(tasks);
  }
}
