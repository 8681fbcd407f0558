// Wrong: caches the loaded tasks across runs to save queries, so it keeps them alive and works on stale copies.
import type { TimestampRepository } from '@practicum/reference';
import type { Task } from './task.ts';

export class TaskProcessingService {
  readonly #repository: TimestampRepository<Task>;
  readonly #cache = new Map<string, Task>();

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Records a 'processing' update on every listed task; ids that do not exist are skipped. */
  async processTasks(taskIds: readonly string[]): Promise<Task[]> {
    const processed: Task[] = [];
    for (const id of taskIds) {
      const task = this.#cache.get(id) ?? (await this.#repository.findById(id));
      if (task === null) continue;
      this.#cache.set(id, task);
      task.touch('processing');
      await this.#repository.save(task);
      processed.push(task);
    }
    return processed;
  }
}
