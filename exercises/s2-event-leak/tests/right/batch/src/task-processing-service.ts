// Right (another correct way): one batch load, touch each, one bulkSave.
import type { TimestampRepository } from '@practicum/reference';
import type { Task } from './task.ts';

export class TaskProcessingService {
  readonly #repository: TimestampRepository<Task>;

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  async processTasks(taskIds: readonly string[]): Promise<Task[]> {
    const tasks = await this.#repository.findByIds(taskIds);
    for (const task of tasks) task.touch('processing');
    if (tasks.length > 0) await this.#repository.bulkSave(tasks);
    return tasks;
  }
}
