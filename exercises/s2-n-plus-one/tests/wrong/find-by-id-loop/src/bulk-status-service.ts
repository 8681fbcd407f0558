// Wrong: still loads the tasks with getById in a loop (one query per task) before one bulkSave.
import type { TimestampRepository } from '@practicum/reference';
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
    const tasks: Task[] = [];
    // getById throws NotFoundError for an unknown id before anything changes
    for (const id of ids) tasks.push(await this.#repository.getById(id));
    for (const task of tasks) task.status = status;
    await this.#repository.bulkSave(tasks);
  }
}
