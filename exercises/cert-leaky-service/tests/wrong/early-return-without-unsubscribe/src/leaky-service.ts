// Wrong: a day with no daily tasks returns early before unsubscribing, so every empty day leaves a subscription behind.
// Daily worker: once a day it marks every daily task as processed and reports the run to the
// operations dashboard. Nothing outlives a run: the touched tasks are saved (their events are
// published and cleared), the dashboard keeps only the latest run's ids, and the bus subscription
// that counts a run's events is removed when the run ends.
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
  // Ids, not Task objects: holding the entities would keep them (and anything they reference) alive.
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
    const tasks = await this.#repository.findDailyTasks();
    if (tasks.length === 0) {
      this.#lastRunTaskIds = [];
      return { processed: 0, eventsPublished: 0 };
    }
    try {
      for (const task of tasks) task.touch('daily_processing');
      // Saving stores the change and publishes and clears the recorded events: without it they
      // pile up on the entities forever. One bulkSave keeps it to one write and one publish.
      if (tasks.length > 0) await this.#repository.bulkSave(tasks);
      this.#lastRunTaskIds = tasks.map((task) => task.id);
      return { processed: tasks.length, eventsPublished };
    } finally {
      // Every run used to add a handler that was never removed: they piled up and kept counting.
      unsubscribe();
    }
  }

  /** Ids of the tasks the latest run processed (shown on the operations dashboard). */
  get lastRunTaskIds(): string[] {
    return [...this.#lastRunTaskIds];
  }

  /** How many Task objects the service keeps alive (exported as a memory gauge). */
  get retainedTasks(): number {
    // Between runs the service holds ids only; the tasks of a run are released when it returns.
    return 0;
  }
}
