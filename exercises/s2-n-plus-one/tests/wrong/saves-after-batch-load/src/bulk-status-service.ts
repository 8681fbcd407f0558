// Wrong: loads the tasks in one batch but still saves them one by one (one write and one publish per task).
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
    const found = new Set(tasks.map((task) => task.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFoundError(`Unknown task ids: ${missing.join(', ')}`);
    for (const task of tasks) {
      task.changeStatus(status);
      await this.#repository.save(task);
    }
  }
}
