// Wrong: saves each task before touching it, so the 'processing' event stays on the entity and the new updatedAt is never stored.
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
      await this.#repository.save(task);
      task.touch('processing');
      processed.push(task);
    }
    return processed;
  }
}
