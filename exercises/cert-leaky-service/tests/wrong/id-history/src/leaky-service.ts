// Wrong: keeps the id list of every run in a growing history (ids instead of tasks, but still one entry per task per day).
import type { SubscribableEventBus } from './event-bus.ts';
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
  readonly #runHistory: string[][] = [];

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
      this.#runHistory.push(tasks.map((task) => task.id));
      return { processed: tasks.length, eventsPublished };
    } finally {
      unsubscribe();
    }
  }

  /** Ids of the tasks the latest run processed (shown on the operations dashboard). */
  get lastRunTaskIds(): string[] {
    return [...(this.#runHistory.at(-1) ?? [])];
  }

  /** How many Task objects the service keeps alive (exported as a memory gauge). */
  get retainedTasks(): number {
    return 0;
  }
}
