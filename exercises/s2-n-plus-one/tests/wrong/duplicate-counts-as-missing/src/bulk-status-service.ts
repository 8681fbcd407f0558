// Wrong: detects unknown ids by comparing counts, so an id listed twice fails the update with NotFoundError.
import { NotFoundError, type TimestampRepository } from '@practicum/reference';
import type { Task, TaskStatus } from './task.ts';

export class BulkStatusService {
  readonly #repository: TimestampRepository<Task>;

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Moves every listed task to `status`. All or nothing: an unknown id fails the whole update. */
  async bulkStatusUpdate(taskIds: readonly string[], status: TaskStatus): Promise<void> {
    if (taskIds.length === 0) return;
    const tasks = await this.#repository.findByIds(taskIds);
    if (tasks.length !== taskIds.length) throw new NotFoundError(`${taskIds.length - tasks.length} of the listed tasks do not exist`);
    for (const task of tasks) task.status = status;
    await this.#repository.bulkSave(tasks);
  }
}
