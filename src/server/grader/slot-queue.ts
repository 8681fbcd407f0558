// Hands the grader's warm slots to submissions fairly, with back-pressure:
// - certification-attempt work goes ahead of practice work; within a priority, arrival order;
// - a learner has at most one submission queued or running (another is refused with
//   LearnerBusyError, so nobody can fill the queue alone);
// - a learner who used more than their budget of worker time in the last minute waits
//   (BudgetExceededError), so repeated infinite loops cannot hold the workers;
// - at most `limit` submissions wait; one more is refused with QueueFullError.
// Every refusal carries a Retry-After estimated from the real queue: what is running and for how
// long, what waits ahead, and the waits submissions actually had recently.
// A waiting submission whose AbortSignal fires leaves the queue.
import { BudgetExceededError, GraderClosedError, LearnerBusyError, QueueFullError } from './errors.ts';
import { GradingBudget, type BudgetSettings } from './grading-budget.ts';

export type GradingPriority = 'certification' | 'practice';

/** Who a run is for; runs without an owner (content checks, the CLI) are not budgeted. */
export interface JobTicket {
  owner?: string | undefined;
  priority?: GradingPriority | undefined;
  signal?: AbortSignal | undefined;
}

interface Waiter<S> {
  resolve: (slot: S) => void;
  reject: (error: unknown) => void;
  ticket: JobTicket;
  enqueuedAt: number;
  onAbort: () => void;
}

interface Running {
  owner: string | undefined;
  startedAt: number;
}

export interface QueueStats {
  slots: number;
  busy: number;
  waiting: number;
  limit: number;
  completed: number;
  averageRunMs: number;
}

export interface SlotQueueOptions {
  /** Submissions that may wait for a slot. */
  limit: number;
  /** Per-learner worker-time budget; default GradingBudget's. */
  budget?: BudgetSettings;
  /** Clock (ms), for tests. */
  now?: () => number;
}

const DURATION_WINDOW = 50;
const PRIORITY_RANK: Record<GradingPriority, number> = { certification: 0, practice: 1 };

export class SlotQueue<S> {
  private readonly free: S[];
  private readonly all: readonly S[];
  private readonly waiters: Waiter<S>[] = [];
  private readonly running = new Map<S, Running>();
  private readonly limit: number;
  private readonly budget: GradingBudget;
  private readonly now: () => number;
  private readonly recentRuns: number[] = [];
  private readonly recentWaits: number[] = [];
  private completed = 0;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(slots: readonly S[], options: SlotQueueOptions) {
    this.all = slots;
    this.free = [...slots];
    this.limit = options.limit;
    this.budget = new GradingBudget(options.budget);
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
  }

  /** Runs `task` on a free slot, waiting in line for one if needed. */
  async run<T>(task: (slot: S) => Promise<T>, ticket: JobTicket = {}): Promise<T> {
    const slot = await this.acquire(ticket);
    const started = this.now();
    this.running.set(slot, { owner: ticket.owner, startedAt: started });
    const running = task(slot);
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    try {
      return await running;
    } finally {
      this.inFlight.delete(settled);
      const ended = this.now();
      this.running.delete(slot);
      this.pushWindow(this.recentRuns, ended - started);
      if (ticket.owner !== undefined) this.budget.record(ticket.owner, ended - started, ended);
      this.release(slot);
    }
  }

  /** Seconds until a submission arriving now at the back of `priority`'s line would likely start. */
  retryAfterSeconds(priority: GradingPriority = 'practice'): number {
    const ahead = this.waiters.filter((w) => PRIORITY_RANK[w.ticket.priority ?? 'practice'] <= PRIORITY_RANK[priority]).length;
    return this.secondsUntilStart(ahead);
  }

  stats(): QueueStats {
    return {
      slots: this.all.length,
      busy: this.all.length - this.free.length,
      waiting: this.waiters.length,
      limit: this.limit,
      completed: this.completed,
      averageRunMs: Math.round(average(this.recentRuns)),
    };
  }

  /** Refuses new work, fails everything still waiting and waits for the runs in progress. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) {
      w.ticket.signal?.removeEventListener('abort', w.onAbort);
      w.reject(new GraderClosedError());
    }
    await Promise.all(this.inFlight);
  }

  private acquire(ticket: JobTicket): Promise<S> {
    if (this.closed) return Promise.reject(new GraderClosedError());
    const { signal, owner } = ticket;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (owner !== undefined) {
      if (this.hasWork(owner)) return Promise.reject(new LearnerBusyError(this.secondsUntilOwnerDone(owner)));
      const wait = this.budget.retryAfterSeconds(owner, this.now());
      if (wait > 0) return Promise.reject(new BudgetExceededError(wait, this.budget.settings));
    }
    const slot = this.free.pop();
    if (slot !== undefined) {
      this.pushWindow(this.recentWaits, 0);
      return Promise.resolve(slot);
    }
    if (this.waiters.length >= this.limit) return Promise.reject(new QueueFullError(this.secondsUntilStart(this.waiters.length - this.limit + 1)));
    return new Promise<S>((resolve, reject) => {
      const waiter: Waiter<S> = {
        resolve,
        reject,
        ticket,
        enqueuedAt: this.now(),
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i !== -1) this.waiters.splice(i, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      // Certification work goes ahead of practice work; arrival order within a priority.
      const rank = PRIORITY_RANK[ticket.priority ?? 'practice'];
      const at = this.waiters.findIndex((w) => PRIORITY_RANK[w.ticket.priority ?? 'practice'] > rank);
      if (at === -1) this.waiters.push(waiter);
      else this.waiters.splice(at, 0, waiter);
    });
  }

  private hasWork(owner: string): boolean {
    for (const r of this.running.values()) if (r.owner === owner) return true;
    return this.waiters.some((w) => w.ticket.owner === owner);
  }

  private release(slot: S): void {
    this.completed++;
    const next = this.waiters.shift();
    if (next) {
      next.ticket.signal?.removeEventListener('abort', next.onAbort);
      this.pushWindow(this.recentWaits, this.now() - next.enqueuedAt);
      next.resolve(slot);
    } else {
      this.free.push(slot);
    }
  }

  /**
   * When a submission with `ahead` others in front of it would start: each slot frees when its run
   * reaches the typical run time (a run already past it is expected to need as long again, capped
   * by nothing we know); then the runs ahead take the typical time each, on the first free slot.
   * The recent real waits keep the estimate honest when runs are slower than typical.
   */
  private secondsUntilStart(ahead: number): number {
    const now = this.now();
    const typical = average(this.recentRuns) || 1000;
    const freeAt = this.all.map((slot) => {
      const r = this.running.get(slot);
      if (!r) return now;
      const elapsed = now - r.startedAt;
      return now + (elapsed < typical ? typical - elapsed : elapsed);
    });
    for (let i = 0; i < ahead; i++) {
      freeAt.sort((a, b) => a - b);
      freeAt[0] = (freeAt[0] ?? now) + typical;
    }
    freeAt.sort((a, b) => a - b);
    const simulated = (freeAt[0] ?? now) - now;
    const observed = ahead > 0 ? percentile(this.recentWaits, 0.9) : 0;
    return Math.max(1, Math.ceil(Math.max(simulated, observed) / 1000));
  }

  private secondsUntilOwnerDone(owner: string): number {
    const typical = average(this.recentRuns) || 1000;
    for (const r of this.running.values()) {
      if (r.owner === owner) return Math.max(1, Math.ceil(Math.max(typical - (this.now() - r.startedAt), 0) / 1000));
    }
    const position = this.waiters.findIndex((w) => w.ticket.owner === owner);
    return this.secondsUntilStart(Math.max(0, position)) + Math.ceil(typical / 1000);
  }

  private pushWindow(window: number[], value: number): void {
    window.push(value);
    if (window.length > DURATION_WINDOW) window.shift();
  }
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
