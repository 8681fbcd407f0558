// Waiting for a grading job's result without polling: one connection per process LISTENs on the
// grading channel; a worker NOTIFYs the job's key in the transaction that stores the result, so the
// notice arrives only once the result can be read. A waiter first registers, then checks whether the
// result is already there (it may have been stored before the wait began), then sleeps until its key
// is announced. When the listening connection drops, it reconnects, listens again and re-checks every
// waiter, so a notice sent while it was away is not missed.
import pg from 'pg';
import { GRADING_CHANNEL } from './grading-jobs.ts';

interface Waiter {
  check: () => Promise<boolean>;
  wake: () => void;
}

export class GradingTimeoutError extends Error {
  override name = 'GradingTimeoutError';
}

export class GradingNotices {
  private readonly url: string;
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private readonly waiters = new Map<string, Set<Waiter>>();
  private closed = false;

  constructor(url: string) {
    this.url = url;
  }

  private async connect(): Promise<void> {
    this.connecting ??= (async () => {
      for (let attempt = 0; !this.closed; attempt++) {
        const client = new pg.Client({ connectionString: this.url, application_name: 'practicum-grading-notices', keepAlive: true });
        try {
          await client.connect();
          client.on('notification', (message) => {
            if (message.channel === GRADING_CHANNEL && message.payload) this.announce(message.payload);
          });
          client.on('error', () => this.lost(client));
          client.on('end', () => this.lost(client));
          await client.query(`LISTEN ${GRADING_CHANNEL}`);
          this.client = client;
          // anything finished while nobody listened
          for (const key of this.waiters.keys()) this.announce(key);
          return;
        } catch (error) {
          await client.end().catch(() => undefined);
          if (attempt >= 2) console.error(`[grading-notices] cannot listen for grading results: ${(error as Error).message}; retrying`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 * 2 ** attempt)));
        }
      }
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (!this.closed && this.waiters.size > 0) void this.connect();
  }

  private announce(key: string): void {
    for (const waiter of this.waiters.get(key) ?? []) waiter.wake();
  }

  /**
   * Resolves once `check` returns true: at once when the result is already stored, else when the
   * key is announced (and check agrees). Rejects with GradingTimeoutError after `timeoutMs`, or with
   * the signal's reason when it aborts.
   */
  async wait(key: string, check: () => Promise<boolean>, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<void> {
    if (this.closed) throw new Error('grading notices are closed');
    if (!this.client) await this.connect();
    return new Promise<void>((resolve, reject) => {
      let checking = false;
      let again = false;
      const set = this.waiters.get(key) ?? new Set<Waiter>();
      this.waiters.set(key, set);
      const done = (error?: unknown) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        set.delete(waiter);
        if (set.size === 0) this.waiters.delete(key);
        if (error) reject(error);
        else resolve();
      };
      const run = async (): Promise<void> => {
        if (checking) {
          again = true;
          return;
        }
        checking = true;
        try {
          do {
            again = false;
            if (await check()) return done();
          } while (again);
        } catch (error) {
          done(error);
        } finally {
          checking = false;
        }
      };
      const waiter: Waiter = { check, wake: () => void run() };
      set.add(waiter);
      const timer = setTimeout(() => done(new GradingTimeoutError(`no grading result for ${key} within ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
      const onAbort = () => done(options.signal?.reason ?? new Error('aborted'));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      void run();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
