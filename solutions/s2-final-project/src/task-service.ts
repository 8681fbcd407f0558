// Application service for tasks: one unit of work around the Task entity (build or load it, change
// it, save it) and the place production monitoring is wired in. Each command is timed with the
// course's TimestampPerformanceMonitor under its own operation name; a refused change is counted by
// entity type and field, and rethrown; nothing is saved unless the change was accepted.
import {
  TimestampPerformanceMonitor,
  type MetricsSink,
  type MonitorOptions,
  type TimestampRepository,
} from '@practicum/reference';
import { Task, type TaskInit, type TaskProps } from './task.ts';

/** The entity_type tag of every metric this service records. */
export const ENTITY_TYPE = 'Task';

export class TaskService {
  readonly #repository: TimestampRepository<Task>;
  readonly #monitor: TimestampPerformanceMonitor;

  constructor(repository: TimestampRepository<Task>, metrics: MetricsSink, options: MonitorOptions = {}) {
    this.#repository = repository;
    this.#monitor = new TimestampPerformanceMonitor(metrics, options);
  }

  /** Builds a task (timed as 'create') and saves it; an invalid task is counted and nothing is stored. */
  async create(props: TaskProps, init: TaskInit): Promise<Task> {
    const task = this.#monitored('create', () => new Task(props, init));
    await this.#repository.save(task);
    return task;
  }

  /** Loads task `taskId`, runs `change` on it (timed as `operation`) and saves it. */
  async update(taskId: string, operation: string, change: (task: Task) => void): Promise<Task> {
    const task = await this.#repository.getById(taskId);
    this.#monitored(operation, () => change(task));
    await this.#repository.save(task);
    return task;
  }

  // track() records the duration whether the operation returns or throws; a refusal is also counted
  #monitored<T>(operation: string, fn: () => T): T {
    try {
      return this.#monitor.track(operation, ENTITY_TYPE, fn);
    } catch (error) {
      this.#monitor.trackValidationError(ENTITY_TYPE, error);
      throw error;
    }
  }
}
