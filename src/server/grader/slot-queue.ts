// Hands the grader's warm slots to submissions in arrival order, with back-pressure: at most
// `limit` submissions wait; one more is refused with QueueFullError and a Retry-After estimate
// from recent run times. A waiting submission whose AbortSignal fires leaves the queue.
import { GraderClosedError, QueueFullError } from './errors.ts';

interface Waiter<S> {
  resolve: (slot: S) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface QueueStats {
  slots: number;
  busy: number;
  waiting: number;
  limit: number;
  completed: number;
  averageRunMs: number;
}

const DURATION_WINDOW = 50;

export class SlotQueue<S> {
  private readonly free: S[];
  private readonly all: readonly S[];
  private readonly waiters: Waiter<S>[] = [];
  private readonly limit: number;
  private readonly recent: number[] = [];
  private completed = 0;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(slots: readonly S[], limit: number) {
    this.all = slots;
    this.free = [...slots];
    this.limit = limit;
  }

  /** Runs `task` on a free slot, waiting in line for one if needed. */
  async run<T>(task: (slot: S) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    const started = performance.now();
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
      this.recordDuration(performance.now() - started);
      this.release(slot);
    }
  }

  /** Seconds until a new submission would likely be accepted. */
  retryAfterSeconds(): number {
    const perRun = this.averageRunMs() || 1000;
    const ahead = this.waiters.length + 1;
    return Math.max(1, Math.ceil((ahead * perRun) / Math.max(1, this.all.length) / 1000));
  }

  stats(): QueueStats {
    return {
      slots: this.all.length,
      busy: this.all.length - this.free.length,
      waiting: this.waiters.length,
      limit: this.limit,
      completed: this.completed,
      averageRunMs: Math.round(this.averageRunMs()),
    };
  }

  /** Refuses new work, fails everything still waiting and waits for the runs in progress. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) {
      w.signal?.removeEventListener('abort', w.onAbort);
      w.reject(new GraderClosedError());
    }
    await Promise.all(this.inFlight);
  }

  private acquire(signal: AbortSignal | undefined): Promise<S> {
    if (this.closed) return Promise.reject(new GraderClosedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    if (this.waiters.length >= this.limit) return Promise.reject(new QueueFullError(this.retryAfterSeconds()));
    return new Promise<S>((resolve, reject) => {
      const waiter: Waiter<S> = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i !== -1) this.waiters.splice(i, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private release(slot: S): void {
    this.completed++;
    const next = this.waiters.shift();
    if (next) {
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve(slot);
    } else {
      this.free.push(slot);
    }
  }

  private recordDuration(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > DURATION_WINDOW) this.recent.shift();
  }

  private averageRunMs(): number {
    return this.recent.length === 0 ? 0 : this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
  }
}
