// Wrong: publishes each task's recorded events on the bus itself but never clears them or stores the change.
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
  #lastRunTaskIds: string[] = [];

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
        this.#eventBus.publishBatch(task.getDomainEvents());
      }
      this.#lastRunTaskIds = tasks.map((task) => task.id);
      return { processed: tasks.length, eventsPublished };
    } finally {
      unsubscribe();
    }
  }

  /** Ids of the tasks the latest run processed (shown on the operations dashboard). */
  get lastRunTaskIds(): string[] {
    return [...this.#lastRunTaskIds];
  }

  /** How many Task objects the service keeps alive (exported as a memory gauge). */
  get retainedTasks(): number {
    return 0;
  }
}
