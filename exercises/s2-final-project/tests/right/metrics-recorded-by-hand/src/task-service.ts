// Application service for tasks, with its metrics written out by hand instead of through
// TimestampPerformanceMonitor: the same readings (operation latency, slow operations, validation
// failures by field) under the same names and tags, so production sees the same signals.
import { ValidationError, type MetricsSink, type MonitorOptions, type TimestampRepository } from '@practicum/reference';
import { Task, type TaskInit, type TaskProps } from './task.ts';

export const ENTITY_TYPE = 'Task';

export class TaskService {
  readonly #repository: TimestampRepository<Task>;
  readonly #metrics: MetricsSink;
  readonly #slowMs: number;
  readonly #now: () => number;

  constructor(repository: TimestampRepository<Task>, metrics: MetricsSink, options: MonitorOptions = {}) {
    this.#repository = repository;
    this.#metrics = metrics;
    this.#slowMs = options.slowMs ?? 10;
    this.#now = options.now ?? (() => Date.now());
  }

  async create(props: TaskProps, init: TaskInit): Promise<Task> {
    const task = this.#timed('create', () => new Task(props, init));
    await this.#repository.save(task);
    return task;
  }

  async update(taskId: string, operation: string, change: (task: Task) => void): Promise<Task> {
    const task = await this.#repository.getById(taskId);
    this.#timed(operation, () => change(task));
    await this.#repository.save(task);
    return task;
  }

  #timed<T>(operation: string, fn: () => T): T {
    const tags = { operation, entity_type: ENTITY_TYPE };
    const started = this.#now();
    try {
      return fn();
    } catch (error) {
      const field = error instanceof ValidationError ? (error.field ?? 'entity') : 'unknown';
      this.#metrics.increment('timestamp.validation_error', { entity_type: ENTITY_TYPE, field });
      throw error;
    } finally {
      const elapsed = this.#now() - started;
      this.#metrics.histogram('timestamp.operation_ms', elapsed, tags);
      if (elapsed > this.#slowMs) this.#metrics.increment('timestamp.slow_operation', tags);
    }
  }
}
