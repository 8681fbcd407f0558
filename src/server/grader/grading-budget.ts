// Each learner's share of grading time: the worker-milliseconds their runs used in the last minute.
// A learner over the budget waits before grading again, so one learner's infinite loops cannot hold
// the workers that everyone else needs. Pure bookkeeping with an injected clock (unit-testable); the
// queue records each finished run here and asks before accepting a new one.

export interface BudgetSettings {
  /** Worker-milliseconds one learner may use per window. */
  budgetMs: number;
  /** Length of the sliding window. */
  windowMs: number;
}

export const DEFAULT_BUDGET: BudgetSettings = { budgetMs: 30_000, windowMs: 60_000 };

interface Use {
  at: number;
  ms: number;
}

export class GradingBudget {
  readonly settings: BudgetSettings;
  private readonly uses = new Map<string, Use[]>();

  constructor(settings: BudgetSettings = DEFAULT_BUDGET) {
    this.settings = settings;
  }

  /** Records that `owner`'s run ended at `now` after using `ms` of a worker. */
  record(owner: string, ms: number, now: number): void {
    const list = this.live(owner, now);
    list.push({ at: now, ms: Math.max(0, ms) });
    this.uses.set(owner, list);
  }

  /** Worker-milliseconds `owner` used in the window ending at `now`. */
  used(owner: string, now: number): number {
    return this.live(owner, now).reduce((sum, u) => sum + u.ms, 0);
  }

  /**
   * 0 when `owner` may be graded now; otherwise the seconds until enough of their usage leaves
   * the window to bring them back under the budget.
   */
  retryAfterSeconds(owner: string, now: number): number {
    const list = this.live(owner, now);
    let used = list.reduce((sum, u) => sum + u.ms, 0);
    if (used < this.settings.budgetMs) return 0;
    for (const use of list) {
      used -= use.ms;
      if (used < this.settings.budgetMs) return Math.max(1, Math.ceil((use.at + this.settings.windowMs - now) / 1000));
    }
    return Math.ceil(this.settings.windowMs / 1000);
  }

  private live(owner: string, now: number): Use[] {
    const list = (this.uses.get(owner) ?? []).filter((u) => u.at > now - this.settings.windowMs);
    if (list.length === 0) this.uses.delete(owner);
    else this.uses.set(owner, list);
    return list;
  }
}
