// Wrong: counts runs per task id in a Map that is never cleared, so the service holds an entry for every id it ever processed.
// Nightly worker step: marks tasks as processed. Every touched task goes back through the
// repository, which persists it, publishes its events and clears them, so nothing piles up.
import type { TimestampRepository } from '@practicum/reference';
import type { Task } from './task.ts';

export class TaskProcessingService {
  readonly #repository: TimestampRepository<Task>;
  readonly #runsById = new Map<string, number>();

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
      // save() persists the new updatedAt, publishes the recorded events and clears them.
      // Without it the events stay on the entity forever and the change is never stored.
      await this.#repository.save(task);
      this.#runsById.set(id, (this.#runsById.get(id) ?? 0) + 1);
      processed.push(task);
    }
    return processed;
  }
}
