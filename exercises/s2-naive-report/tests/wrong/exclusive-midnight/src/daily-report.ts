// Wrong: asks for the tasks updated after midnight itself, so a task updated exactly at 00:00 UTC is left out.
import { startOfUtcDay, type TimestampRepository } from '@practicum/reference';
import type { Task, TaskStatus } from './task.ts';

export interface DailyReport {
  /** The reported day, "YYYY-MM-DD" (UTC). */
  day: string;
  /** Start of the day, inclusive. */
  from: Date;
  /** Start of the next day, exclusive. */
  to: Date;
  /** Ids of the tasks updated during the day, sorted. */
  taskIds: string[];
  byStatus: Record<TaskStatus, number>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class DailyReportService {
  readonly #repository: TimestampRepository<Task>;

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Reports the UTC calendar day that contains the instant `date`. */
  async generateDailyReport(date: Date): Promise<DailyReport> {
    const from = startOfUtcDay(date);
    const to = new Date(from.getTime() + DAY_MS);
    const since = from;
    const tasks = (await this.#repository.findUpdatedSince(since)).filter((task) => task.updatedAt < to);
    const byStatus: Record<TaskStatus, number> = { todo: 0, in_progress: 0, done: 0 };
    for (const task of tasks) byStatus[task.status] += 1;
    return {
      day: from.toISOString().slice(0, 10),
      from,
      to,
      taskIds: tasks.map((task) => task.id).sort(),
      byStatus,
    };
  }
}
