// Task repository of the daily worker (read-only): the in-memory timestamp repository plus the
// one query the worker needs.
import { InMemoryRepository } from '@practicum/reference';
import type { Task } from './task.ts';

const EPOCH = new Date(0);

export class TaskRepository extends InMemoryRepository<Task> {
  /** Every (not deleted) task that recurs daily. One round trip. */
  async findDailyTasks(): Promise<Task[]> {
    const all = await this.findUpdatedSince(EPOCH);
    return all.filter((task) => task.recurrence === 'daily');
  }
}
