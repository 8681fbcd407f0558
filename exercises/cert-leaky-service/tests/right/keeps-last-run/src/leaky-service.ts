// Right (another correct way): keeps the latest run's Task objects (honest gauge), saves task by task in
// parallel, and one permanent subscription that counts only while a run is working.
import type { SubscribableEventBus } from './event-bus.ts';
import type { Task } from './task.ts';
import type { TaskRepository } from './task-repository.ts';

export interface DailyRun {
  processed: number;
  eventsPublished: number;
}

export class LeakyService {
  readonly #repository: TaskRepository;
  #lastRun: Task[] = [];
  #running = false;
  #count = 0;

  constructor(repository: TaskRepository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    eventBus.subscribe(() => {
      if (this.#running) this.#count += 1;
    });
  }

  async processDailyTasks(): Promise<DailyRun> {
    this.#running = true;
    this.#count = 0;
    this.#lastRun = [];
    try {
      const tasks = await this.#repository.findDailyTasks();
      for (const task of tasks) task.touch('daily_processing');
      await Promise.all(tasks.map((task) => this.#repository.save(task)));
      this.#lastRun = tasks;
      return { processed: tasks.length, eventsPublished: this.#count };
    } finally {
      this.#running = false;
    }
  }

  get lastRunTaskIds(): string[] {
    return this.#lastRun.map((task) => task.id);
  }

  get retainedTasks(): number {
    return this.#lastRun.length;
  }
}
