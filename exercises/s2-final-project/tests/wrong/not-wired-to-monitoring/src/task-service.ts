// Application service for tasks: builds or loads a task, changes it and saves it. The unit of work is
// right, but the metrics sink is only kept, never used: no command is timed, no refused change is
// counted, so production would see nothing of what happens here.
import type { MetricsSink, MonitorOptions, TimestampRepository } from '@practicum/reference';
import { Task, type TaskInit, type TaskProps } from './task.ts';

export const ENTITY_TYPE = 'Task';

export class TaskService {
  readonly #repository: TimestampRepository<Task>;
  readonly metrics: MetricsSink;
  readonly options: MonitorOptions;

  constructor(repository: TimestampRepository<Task>, metrics: MetricsSink, options: MonitorOptions = {}) {
    this.#repository = repository;
    this.metrics = metrics;
    this.options = options;
  }

  async create(props: TaskProps, init: TaskInit): Promise<Task> {
    const task = new Task(props, init);
    await this.#repository.save(task);
    return task;
  }

  async update(taskId: string, _operation: string, change: (task: Task) => void): Promise<Task> {
    const task = await this.#repository.getById(taskId);
    change(task);
    await this.#repository.save(task);
    return task;
  }
}
