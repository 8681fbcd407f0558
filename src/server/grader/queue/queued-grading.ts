// The web node's side of the cluster mode's grading: admits a run under the same fairness rules as
// the embedded grader (one run queued or running per learner, a per-learner budget of worker time,
// certification first, a bounded queue with Retry-After), sends it to the queue, and waits — on the
// grading channel, not by polling — for the worker to store its result.
import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { GradeResult } from '../../../lib/grade-result.ts';
import type { Store } from '../../db/store.ts';
import { gradingUsesOf, hasGradingResult, liveGraderSlots, recentRunMs, takeGradingResult } from '../../db/grading-queue.ts';
import { BudgetExceededError, LearnerBusyError, QueueFullError } from '../errors.ts';
import { DEFAULT_BUDGET, GradingBudget, type BudgetSettings } from '../grading-budget.ts';
import type { GradingPriority } from '../slot-queue.ts';
import { GRADING_QUEUE, PRIORITY, type GradingJob } from './grading-jobs.ts';
import { GradingNotices } from './grading-notices.ts';

/** How long a second run of a learner is tried again while their only other run is finishing. */
const FINISHING_MS = 250;

export interface QueuedGradingOptions {
  store: Store;
  boss: PgBoss;
  notices: GradingNotices;
  /** Runs that may wait before a new one is refused (GRADER_QUEUE_LIMIT); default 8 per live worker slot, as the embedded queue. */
  waitingLimit?: number;
  budget?: BudgetSettings;
  /** How long a request waits for its result before answering that grading is delayed. */
  waitMs?: number;
}

export interface QueuedRun {
  exerciseId: string;
  variant: string | null;
  owner: string;
  priority: GradingPriority;
  signal?: AbortSignal | undefined;
}

/** No result within the wait: the submission stays stored and queued, and is graded when a worker is free. */
export class GradingDelayedError extends Error {
  override name = 'GradingDelayedError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('Your submission is saved and waiting for a grader; its result will appear with your submissions as soon as it is graded.');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class QueuedGrading {
  private readonly store: Store;
  private readonly boss: PgBoss;
  private readonly notices: GradingNotices;
  private readonly waitingLimit: number | undefined;
  private readonly budget: BudgetSettings;
  private readonly waitMs: number;

  constructor(options: QueuedGradingOptions) {
    this.store = options.store;
    this.boss = options.boss;
    this.notices = options.notices;
    this.waitingLimit = options.waitingLimit;
    this.budget = options.budget ?? DEFAULT_BUDGET;
    this.waitMs = options.waitMs ?? 180_000;
  }

  /** Seconds a new run would wait, from the recent run time, the backlog and the live slots. */
  private async estimateSeconds(ahead: number): Promise<number> {
    const [runMs, slots] = await Promise.all([recentRunMs(this.store), liveGraderSlots(this.store)]);
    return Math.max(1, Math.ceil((((ahead + 1) / Math.max(1, slots)) * (runMs ?? 1_000)) / 1000));
  }

  /** Refuses before anything is queued: over the learner's budget, or the queue is full. */
  private async admit(owner: string): Promise<void> {
    const now = Date.now();
    const budget = new GradingBudget(this.budget);
    for (const use of await gradingUsesOf(this.store, owner, now - this.budget.windowMs)) budget.record(owner, use.ms, use.at);
    const wait = budget.retryAfterSeconds(owner, now);
    if (wait > 0) throw new BudgetExceededError(wait, this.budget);
    const [queue, slots] = await Promise.all([this.boss.getQueue(GRADING_QUEUE), liveGraderSlots(this.store, now)]);
    const waiting = queue?.queuedCount ?? 0;
    if (waiting >= (this.waitingLimit ?? Math.max(1, slots) * 8)) throw new QueueFullError(await this.estimateSeconds(waiting));
  }

  private async send(job: GradingJob, run: QueuedRun): Promise<void> {
    await this.admit(run.owner);
    const settled = Date.now() + FINISHING_MS;
    for (;;) {
      const id = await this.boss.send(GRADING_QUEUE, job, { priority: PRIORITY[run.priority], singletonKey: run.owner });
      if (id !== null) return;
      // The queue's exclusive policy: this learner already has a run queued or running. A worker announces
      // a result in the transaction that stores it and pg-boss marks the job complete just after, so a
      // learner who resubmits the moment their result arrives can meet their own finishing run: while it is
      // the only one (running, none queued), try again for a moment before refusing.
      const queued = await this.boss.findJobs(GRADING_QUEUE, { key: run.owner, queued: true, limit: 1 });
      if (queued.length > 0 || Date.now() >= settled) throw new LearnerBusyError(await this.estimateSeconds(0));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Grades a stored submission (status 'queued'); resolves once the worker has completed its row.
   * Throws the fairness refusals before anything is queued (the caller removes the row then), and
   * GradingDelayedError when no result came within the wait (the row stays, and is graded later).
   */
  async gradeStored(submissionId: string, run: QueuedRun): Promise<void> {
    await this.send({ kind: 'graded', submissionId, exerciseId: run.exerciseId, variant: run.variant, owner: run.owner }, run);
    const graded = async () => {
      const row = await this.store.get<{ status: string }>('SELECT status FROM submissions WHERE id = ?', submissionId);
      return row === undefined || row.status !== 'queued';
    };
    await this.waitFor(submissionId, graded, run.signal);
  }

  /** "Run tests": the visible tests of `files`, graded by a worker, not stored. */
  async runVisible(files: Record<string, string>, run: QueuedRun): Promise<GradeResult> {
    const runId = randomUUID();
    await this.send({ kind: 'visible', runId, exerciseId: run.exerciseId, variant: run.variant, owner: run.owner, files }, run);
    await this.waitFor(runId, () => hasGradingResult(this.store, runId), run.signal);
    const text = await takeGradingResult(this.store, runId);
    if (text === undefined) throw new Error(`the result of test run ${runId} was announced but is not stored`);
    return JSON.parse(text) as GradeResult;
  }

  private async waitFor(key: string, ready: () => Promise<boolean>, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.notices.wait(key, ready, { timeoutMs: this.waitMs, signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      if ((error as Error).name === 'GradingTimeoutError') throw new GradingDelayedError(await this.estimateSeconds(0));
      throw error;
    }
  }
}
