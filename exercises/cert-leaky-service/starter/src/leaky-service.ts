// Daily worker: once a day it marks every daily task as processed and reports the run to the
// operations dashboard. It lives as long as the process does — and the process's memory grows
// every day until someone restarts it.
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
  #eventsThisRun = 0;

  constructor(repository: TaskRepository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    this.#eventBus = eventBus;
  }

  async processDailyTasks(): Promise<DailyRun> {
    this.#eventsThisRun = 0;
    this.#eventBus.subscribe(() => {
      this.#eventsThisRun += 1;
    });
    const tasks = await this.#repository.findDailyTasks();
    for (const task of tasks) {
      task.touch('daily_processing');
      this.#processedTasks.push(task);
    }
    this.#lastRunSize = tasks.length;
    return { processed: tasks.length, eventsPublished: this.#eventsThisRun };
  }

  /** Ids of the tasks the latest run processed (shown on the operations dashboard). */
  get lastRunTaskIds(): string[] {
    return this.#processedTasks.slice(this.#processedTasks.length - this.#lastRunSize).map((task) => task.id);
  }

  /** How many Task objects the service keeps alive (exported as a memory gauge). */
  get retainedTasks(): number {
    return this.#processedTasks.length;
  }
}
