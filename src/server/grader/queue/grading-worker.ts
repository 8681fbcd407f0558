// A grader worker of the cluster mode (`npm run grader:worker`): takes grading jobs from the queue
// (one per warm sandbox slot, so one per core by default), grades each in the same sandboxed grader
// the embedded mode uses, and stores the result once:
// - a stored submission is completed only while it is still 'queued' (a job retried after a worker
//   died mid-job, or run twice, cannot grade it twice), in the transaction that announces it on the
//   grading channel, so the web node waiting for it reads a stored result;
// - "Run tests" results go to grading_results, read once by the web node that asked;
// - every run's worker time is recorded per learner (grading_usage), so the per-learner budget holds
//   across all workers; it is recorded in the transaction that stores the run's result, so a worker
//   killed before that commit records nothing and one killed after it leaves nothing to run again;
// - the worker registers itself (grader_workers) every few seconds, so web nodes know how many slots
//   are live when they decide whether the queue is full;
// - a job that failed on every retry is completed as "no verdict" (dead letters), so no submission
//   waits for ever.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { PgBoss, Job } from 'pg-boss';
import { errorResult, type GradeResult } from '../../../lib/grade-result.ts';
import { loadExercise, type LoadedExercise } from '../../content/exercise-folder.ts';
import type { Store } from '../../db/store.ts';
import { completeSubmission, queuedSubmissionFiles } from '../../db/submissions.ts';
import { hasGradingResult, recordGradingUse } from '../../db/grading-queue.ts';
import { createGrader, InvalidSubmissionError, type Grader } from '../grader.ts';
import { outcomeOf } from '../outcome.ts';
import { GRADING_CHANNEL, GRADING_DEAD_LETTERS, GRADING_QUEUE, type GradingJob } from './grading-jobs.ts';

export interface WorkerOptions {
  store: Store;
  boss: PgBoss;
  projectRoot: string;
  /** Warm sandbox slots, and so jobs graded at once. */
  slots: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  id: string;
  stop(): Promise<void>;
}

export async function startGradingWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { store, boss, projectRoot, slots } = options;
  const log = options.log ?? (() => undefined);
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const grader: Grader = await createGrader({ projectRoot, poolSize: slots, queueLimit: slots * 2 });
  const exercises = new Map<string, LoadedExercise>();
  const exerciseOf = (exerciseId: string, variant: string | null): LoadedExercise => {
    const key = `${exerciseId}@${variant ?? ''}`;
    let loaded = exercises.get(key);
    if (!loaded) {
      loaded = loadExercise(projectRoot, exerciseId, projectRoot, variant ?? undefined);
      exercises.set(key, loaded);
    }
    return loaded;
  };

  const register = () =>
    store.run(
      `INSERT INTO grader_workers (id, host, slots, started_at, seen_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`,
      id,
      hostname(),
      slots,
      Date.now(),
      Date.now(),
    );
  await register();
  const heartbeat = setInterval(() => void register().catch((error: unknown) => log(`could not register: ${(error as Error).message}`)), 5_000);
  heartbeat.unref();

  interface Outcome {
    result: GradeResult;
    noVerdict: boolean;
    /** Worker time the run took, charged to the learner with the stored result; null when nothing ran. */
    ms: number | null;
  }

  async function grade(job: GradingJob): Promise<Outcome | null> {
    const exercise = exerciseOf(job.exerciseId, job.variant);
    const started = Date.now();
    let files: Record<string, string>;
    if (job.kind === 'graded') {
      const stored = await queuedSubmissionFiles(store, job.submissionId);
      // already graded (a retry after the result was stored) or removed: nothing to do but announce it
      if (!stored) return null;
      files = stored;
    } else {
      // a retry after the test run's result was stored: announce it again, run nothing
      if (await hasGradingResult(store, job.runId)) return null;
      files = job.files;
    }
    let result: GradeResult;
    let noVerdict = false;
    try {
      result = await grader.grade(exercise, { files }, { include: job.kind === 'graded' ? 'hidden' : 'visible' });
    } catch (error) {
      if (!(error instanceof InvalidSubmissionError)) throw error;
      // checked on the web node already; the same rules here can only refuse it if the content changed
      result = errorResult(error.message, { durationMs: 0, expected: 0 });
      noVerdict = true;
    }
    return { result, noVerdict, ms: Date.now() - started };
  }

  /** The job's key on the grading channel: the submission, or the test run. */
  const keyOf = (data: GradingJob): string => (data.kind === 'graded' ? data.submissionId : data.runId);

  /**
   * Stores a job's result (a submission completed only while still queued; a test run's result once)
   * with the worker time it took, and announces it in the same transaction, so the waiting web node
   * reads a stored result. The time is charged only with a result that this run stored: a run that
   * lost to another one for the same job charges nothing. With no outcome (the result was stored
   * already) it only announces.
   */
  async function storeAndAnnounce(data: GradingJob, outcome: Outcome | null): Promise<void> {
    await store.transaction(async (tx) => {
      let stored = false;
      if (outcome && data.kind === 'graded') {
        stored = await completeSubmission(tx, data.submissionId, outcomeOf(outcome.result, outcome.noVerdict));
      } else if (outcome && data.kind === 'visible') {
        const insert = 'INSERT INTO grading_results (run_id, result, created_at) VALUES (?, ?, ?) ON CONFLICT (run_id) DO NOTHING';
        stored = (await tx.run(insert, data.runId, JSON.stringify(outcome.result), Date.now())).changes > 0;
      }
      if (stored && outcome && outcome.ms !== null) await recordGradingUse(tx, data.owner, outcome.ms);
      await tx.run('SELECT pg_notify(?, ?)', GRADING_CHANNEL, keyOf(data));
    });
  }

  async function handle(job: Job<GradingJob>): Promise<void> {
    const data = job.data;
    log(`taking ${data.kind} ${keyOf(data)} (${data.exerciseId}${data.variant ? `@${data.variant}` : ''} for ${data.owner})`);
    const outcome = await grade(data);
    await storeAndAnnounce(data, outcome);
    log(`done ${data.kind} ${keyOf(data)}: ${outcome?.result.status ?? 'already graded'}`);
  }

  /** A job that failed on every attempt: its learner gets a "no verdict" result instead of waiting for ever. */
  async function giveUp(job: Job<GradingJob>): Promise<void> {
    const result = errorResult('Grading failed on every grader it was tried on. Your code was saved; please submit again.', { durationMs: 0, expected: 0 });
    await storeAndAnnounce(job.data, { result, noVerdict: true, ms: null });
  }

  const polling = { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, heartbeatRefreshSeconds: 3 };
  await boss.work<GradingJob>(GRADING_QUEUE, { ...polling, localConcurrency: slots, batchSize: 1 }, async ([job]) => {
    if (job) await handle(job);
  });
  await boss.work<GradingJob>(GRADING_DEAD_LETTERS, { ...polling, localConcurrency: 1, batchSize: 1 }, async ([job]) => {
    if (job) await giveUp(job);
  });
  log(`grader worker ${id}: ${slots} slot${slots === 1 ? '' : 's'}`);

  return {
    id,
    async stop() {
      clearInterval(heartbeat);
      await boss.offWork(GRADING_QUEUE).catch(() => undefined);
      await boss.offWork(GRADING_DEAD_LETTERS).catch(() => undefined);
      await store.run('DELETE FROM grader_workers WHERE id = ?', id).catch(() => undefined);
      await grader.close();
    },
  };
}
