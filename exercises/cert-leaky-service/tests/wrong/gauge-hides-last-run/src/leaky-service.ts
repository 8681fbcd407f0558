// Wrong: keeps the latest run's Task objects for the dashboard but its memory gauge claims it keeps none.
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
  #lastRun: Task[] = [];

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
      for (const task of tasks) task.touch('daily_processing');
      if (tasks.length > 0) await this.#repository.bulkSave(tasks);
      this.#lastRun = tasks;
      return { processed: tasks.length, eventsPublished };
    } finally {
      unsubscribe();
    }
  }

  /** Ids of the tasks the latest run processed (shown on the operations dashboard). */
  get lastRunTaskIds(): string[] {
    return this.#lastRun.map((task) => task.id);
  }

  /** How many Task objects the service keeps alive (exported as a memory gauge). */
  get retainedTasks(): number {
    // The latest run is replaced every day, so it does not count as growth.
    return 0;
  }
}
