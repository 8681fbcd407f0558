// Application service for tasks: one unit of work around the Task entity (build or load it, change
// it, save it) and the place production monitoring is wired in. The shape is fixed; replace each
// "not implemented yet" body (task 7 of the instructions).
import type { MetricsSink, MonitorOptions, TimestampRepository } from '@practicum/reference';
import type { Task, TaskInit, TaskProps } from './task.ts';

/** The entity_type tag of every metric this service records. */
export const ENTITY_TYPE = 'Task';

export class TaskService {
  /** `options` (slowMs, now) go to the monitor, so tests can make a command slow or fast. */
  constructor(repository: TimestampRepository<Task>, metrics: MetricsSink, options: MonitorOptions = {}) {
    throw new Error(`TaskService is not implemented yet (${typeof repository}, ${typeof metrics}, ${typeof options})`);
  }

  /** Task 7: builds the task (timed as 'create') and saves it; an invalid task is counted, nothing is stored. */
  async create(props: TaskProps, init: TaskInit): Promise<Task> {
    throw new Error(`create(${props.id}, ${typeof init}) is not implemented yet`);
  }

  /** Task 7: loads the task, runs `change` on it (timed as `operation`) and saves it. */
  async update(taskId: string, operation: string, change: (task: Task) => void): Promise<Task> {
    throw new Error(`update(${taskId}, ${operation}, ${typeof change}) is not implemented yet`);
  }
}
