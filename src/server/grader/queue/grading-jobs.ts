// The grading queue of the cluster mode (DATABASE_URL): jobs on pg-boss in the application's own
// PostgreSQL database, taken by `npm run grader:worker` processes on any machine. This module owns
// the job's shape, the queue's settings and the channel a finished job is announced on.
// - one job queued or running per learner: the queue's `exclusive` policy keyed by the learner, so a
//   second send returns null (LearnerBusyError), however many web nodes the requests reach;
// - certification work first: pg-boss fetches higher priority first;
// - a worker that dies mid-job stops sending heartbeats; after `heartbeatSeconds` pg-boss hands the
//   job to another worker (`retryLimit` times), and the result is stored once per submission.
import { PgBoss } from 'pg-boss';
import type { GradingPriority } from '../slot-queue.ts';

export const GRADING_QUEUE = 'grading';
/** Jobs that failed on every retry land here; a worker completes them as "no verdict". */
export const GRADING_DEAD_LETTERS = 'grading-dead-letters';
/** NOTIFY channel: the payload is the finished job's key (a submission id or a test run's id). */
export const GRADING_CHANNEL = 'practicum_grading';

export interface GradedJob {
  kind: 'graded';
  /** The stored submission (status 'queued'); the worker reads its files and completes the row. */
  submissionId: string;
  exerciseId: string;
  variant: string | null;
  owner: string;
}

export interface VisibleJob {
  kind: 'visible';
  /** Key of the result row in grading_results. */
  runId: string;
  exerciseId: string;
  variant: string | null;
  owner: string;
  /** "Run tests" is not stored as a submission: the files travel with the job. */
  files: Record<string, string>;
}

export type GradingJob = GradedJob | VisibleJob;

export const PRIORITY: Record<GradingPriority, number> = { certification: 10, practice: 0 };

export const QUEUE_SETTINGS = {
  policy: 'exclusive',
  /** The fastest pg-boss allows: a killed worker's job goes back to the queue within about this long. */
  heartbeatSeconds: 10,
  retryLimit: 3,
  retryDelay: 0,
  /** A job running longer than this is failed and retried (the grader's own limits stop far earlier). */
  expireInSeconds: 300,
  /** Finished jobs are kept an hour for operators; the result itself lives with the submission. */
  deleteAfterSeconds: 3600,
  notify: true,
} as const;

export interface BossOptions {
  url: string;
  /** Connections pg-boss may hold (its own pool, beside the application's). */
  max?: number;
  applicationName: string;
  /** Workers run pg-boss's maintenance (expiring jobs of dead workers, counting queues); web nodes only send. */
  supervise: boolean;
}

/** A started pg-boss on the application's database, with the grading queue created. */
export async function startBoss(options: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.url,
    max: options.max ?? 4,
    application_name: options.applicationName,
    useListenNotify: true,
    supervise: options.supervise,
    schedule: false,
    // dead workers are noticed quickly: the monitor checks heartbeats every second
    monitorIntervalSeconds: 1,
    superviseIntervalSeconds: 1,
    queueCacheIntervalSeconds: 1,
  });
  boss.on('error', (error: Error) => console.error(`[grading-queue] ${error.message}`));
  await boss.start();
  const ensure = async (name: string, settings: Parameters<PgBoss['createQueue']>[1]) => {
    if (await boss.getQueue(name)) return;
    await boss.createQueue(name, settings).catch(async (error: unknown) => {
      // another node created it at the same moment
      if (!(await boss.getQueue(name))) throw error;
    });
  };
  await ensure(GRADING_DEAD_LETTERS, { retryLimit: 5, deleteAfterSeconds: 86_400 });
  await ensure(GRADING_QUEUE, { ...QUEUE_SETTINGS, deadLetter: GRADING_DEAD_LETTERS });
  return boss;
}
