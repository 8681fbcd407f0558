// Wrong: cuts the day in UTC but names it from the local date, so servers west of UTC label it a day early.
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
    const since = new Date(from.getTime() - 1);
    const tasks = (await this.#repository.findUpdatedSince(since)).filter((task) => task.updatedAt < to);
    const byStatus: Record<TaskStatus, number> = { todo: 0, in_progress: 0, done: 0 };
    for (const task of tasks) byStatus[task.status] += 1;
    const pad = (n: number): string => String(n).padStart(2, '0');
    return {
      day: `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`,
      from,
      to,
      taskIds: tasks.map((task) => task.id).sort(),
      byStatus,
    };
  }
}
