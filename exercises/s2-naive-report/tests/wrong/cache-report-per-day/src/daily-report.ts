// Wrong: caches each day's report by day, so a report asked again later that day misses the newer updates.
// Daily activity report: which tasks changed during one calendar day (UTC), counted by status.
// The day boundaries are computed in UTC, so the report is the same on every server.
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
  readonly #cache = new Map<string, DailyReport>();

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
  }

  /** Reports the UTC calendar day that contains the instant `date`. */
  async generateDailyReport(date: Date): Promise<DailyReport> {
    // setHours() works in the server's local zone: on a server in New York "midnight" is 04:00 or
    // 05:00 UTC. startOfUtcDay() cuts the day at 00:00 UTC wherever the code runs.
    const from = startOfUtcDay(date);
    const cached = this.#cache.get(from.toISOString());
    if (cached) return cached;
    const to = new Date(from.getTime() + DAY_MS);
    // findUpdatedSince is strictly after: step back 1 ms so a task updated exactly at `from` counts.
    const since = new Date(from.getTime() - 1);
    const tasks = (await this.#repository.findUpdatedSince(since)).filter((task) => task.updatedAt < to);
    const byStatus: Record<TaskStatus, number> = { todo: 0, in_progress: 0, done: 0 };
    for (const task of tasks) byStatus[task.status] += 1;
    const report: DailyReport = {
      day: from.toISOString().slice(0, 10),
      from,
      to,
      taskIds: tasks.map((task) => task.id).sort(),
      byStatus,
    };
    this.#cache.set(from.toISOString(), report);
    return report;
  }
}
