// Wrong: remembers ids that did not exist in a Set and never loads them again, so a task created later under that id is never processed (and the Set only grows).
// Nightly worker step: marks tasks as processed. Every touched task goes back through the
// repository, which persists it, publishes its events and clears them, so nothing piles up.
import type { TimestampRepository } from '@practicum/reference';
import type { Task } from './task.ts';

export class TaskProcessingService {
  readonly #repository: TimestampRepository<Task>;
  readonly #missing = new Set<string>();

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Records a 'processing' update on every listed task; ids that do not exist are skipped. */
  async processTasks(taskIds: readonly string[]): Promise<Task[]> {
    const processed: Task[] = [];
    for (const id of taskIds) {
      if (this.#missing.has(id)) continue;
      const task = await this.#repository.findById(id);
      if (task === null) {
        this.#missing.add(id);
        continue;
      }
      task.touch('processing');
      // save() persists the new updatedAt, publishes the recorded events and clears them.
      // Without it the events stay on the entity forever and the change is never stored.
      await this.#repository.save(task);
      processed.push(task);
    }
    return processed;
  }
}
