// Wrong: saves correctly but keeps every task it ever processed in a history list, which grows for the life of the worker.
import type { TimestampRepository } from '@practicum/reference';
import type { Task } from './task.ts';

export class TaskProcessingService {
  readonly #repository: TimestampRepository<Task>;
  /** For the ops dashboard: what the worker has processed. */
  readonly #history: Task[] = [];

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
      await this.#repository.save(task);
      processed.push(task);
    }
    this.#history.push(...processed);
    return processed;
  }

  get processedSoFar(): number {
    return this.#history.length;
  }
}
