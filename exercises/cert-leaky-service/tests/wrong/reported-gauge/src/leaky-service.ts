// Wrong: still keeps every processed task in a growing list and hides it behind a gauge that reports only the latest run.
import type { SubscribableEventBus } from './event-bus.ts';
import type { Task } from './task.ts';
import type { TaskRepository } from './task-repository.ts';

export interface DailyRun {
  /** Daily tasks processed by this run. */
  processed: number;
  /** Events that reached the event bus while this run was working. */
  eventsPublished: number;
}

export class LeakyService {
  readonly #repository: TaskRepository;
  readonly #eventBus: SubscribableEventBus;
  readonly #processedTasks: Task[] = [];
  #lastRunSize = 0;

  constructor(repository: TaskRepository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    this.#eventBus = eventBus;
  }

  async processDailyTasks(): Promise<DailyRun> {
    let eventsPublished = 0;
    const unsubscribe = this.#eventBus.subscribe(() => {
      eventsPublished += 1;
    });
    try {
      const tasks = await this.#repository.findDailyTasks();
      for (const task of tasks) {
        task.touch('daily_processing');
        this.#processedTasks.push(task);
      }
      if (tasks.length > 0) await this.#repository.bulkSave(tasks);
      this.#lastRunSize = tasks.length;
      return { processed: tasks.length, eventsPublished };
    } finally {
      unsubscribe();
    }
  }

  /** Ids of the tasks the latest run processed (shown on the operations dashboard). */
  get lastRunTaskIds(): string[] {
    return this.#processedTasks.slice(this.#processedTasks.length - this.#lastRunSize).map((task) => task.id);
  }

  /** How many Task objects the service keeps alive (exported as a memory gauge). */
  get retainedTasks(): number {
    return this.#lastRunSize;
  }
}
