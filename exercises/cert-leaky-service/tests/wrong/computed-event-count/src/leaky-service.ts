// Wrong: drops the bus subscription and computes eventsPublished from the task count instead of counting what reached the bus.
import type { SubscribableEventBus } from './event-bus.ts';
import type { TaskRepository } from './task-repository.ts';

export interface DailyRun {
  /** Daily tasks processed by this run. */
  processed: number;
  /** Events that reached the event bus while this run was working. */
  eventsPublished: number;
}

// touch() records one event per task and bulkSave() stamps and records one more.
const EVENTS_PER_TASK = 2;

export class LeakyService {
  readonly #repository: TaskRepository;
  #lastRunTaskIds: string[] = [];

  constructor(repository: TaskRepository, _eventBus: SubscribableEventBus) {
    this.#repository = repository;
  }

  async processDailyTasks(): Promise<DailyRun> {
    const tasks = await this.#repository.findDailyTasks();
    for (const task of tasks) task.touch('daily_processing');
    if (tasks.length > 0) await this.#repository.bulkSave(tasks);
    this.#lastRunTaskIds = tasks.map((task) => task.id);
    return { processed: tasks.length, eventsPublished: tasks.length * EVENTS_PER_TASK };
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
