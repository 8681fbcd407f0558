// Bulk status change behind the "move selected tasks" button of the board. Boards with a few
// hundred tasks make the request time out: every task costs a load and a save round trip.
import type { TimestampRepository } from '@practicum/reference';
import type { Task, TaskStatus } from './task.ts';

export class BulkStatusService {
  readonly #repository: TimestampRepository<Task>;

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Moves every listed task to `status`. All or nothing: an unknown id fails the whole update. */
  async bulkStatusUpdate(taskIds: readonly string[], status: TaskStatus): Promise<void> {
    for (const id of taskIds) {
      const task = await this.#repository.getById(id);
      task.changeStatus(status);
      await this.#repository.save(task);
    }
  }
}
