// Nightly worker step: marks tasks as processed. It runs every few minutes in a long-lived
// process, and ops report that the process's memory grows until it is restarted.
import type { TimestampRepository } from '@practicum/reference';
import type { Task } from './task.ts';

export class TaskProcessingService {
  readonly #repository: TimestampRepository<Task>;

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Records a 'processing' update on every listed task; ids that do not exist are skipped. */
  async processTasks(taskIds: readonly string[]): Promise<Task[]> {
    const processed: Task[] = [];
    for (const id of taskIds) {
      const task = await this.#repository.findById(id);
      if (task === null) continue;
      task.touch('processing');
      processed.push(task);
    }
    return processed;
  }
}
