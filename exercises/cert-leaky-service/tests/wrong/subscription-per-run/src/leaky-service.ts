// Wrong: every run subscribes a fresh counter to the bus and never unsubscribes it (the reported count stays right, the handlers pile up).
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
    const counter = { events: 0, open: true };
    this.#eventBus.subscribe(() => {
      if (counter.open) counter.events += 1;
    });
    const tasks = await this.#repository.findDailyTasks();
    for (const task of tasks) task.touch('daily_processing');
    if (tasks.length > 0) await this.#repository.bulkSave(tasks);
    this.#lastRunTaskIds = tasks.map((task) => task.id);
    counter.open = false;
    return { processed: tasks.length, eventsPublished: counter.events };
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
