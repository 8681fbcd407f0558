// Who grades a stored submission: the process's own grader (the embedded mode), or a grader worker
// through the queue (the cluster mode, DATABASE_URL). Either way the submission row is completed
// exactly once and the caller gets the stored result; refusals (a full queue, a learner already
// being graded, a used-up budget) are thrown before anything ran, so the caller can drop the row.
import type { App } from '../app.ts';
import { errorResult, type GradeResult } from '../../lib/grade-result.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { gradingExercise } from '../content/catalog.ts';
import { completeSubmission } from '../db/submissions.ts';
import type { CheckedSubmission, GradingPriority } from '../grader/grader.ts';
import { graderRefusal } from '../grader/refusals.ts';
import { outcomeOf } from '../grader/outcome.ts';
import { getGrader } from './grader-instance.ts';
import { queuedGradingFor } from '../grader/queue/web-queue.ts';

export interface GradingRun {
  exercise: Exercise;
  variant: string | null;
  owner: string;
  priority: GradingPriority;
  signal?: AbortSignal | undefined;
}

async function gradeInProcess(app: App, id: string, submitted: CheckedSubmission, run: GradingRun): Promise<GradeResult> {
  const grader = await getGrader(app);
  let result: GradeResult;
  let noVerdict = false;
  try {
    // Fair grading: one submission per learner in the system, within their time budget; work
    // inside a certification attempt goes ahead of practice.
    const ticket = { owner: run.owner, priority: run.priority, ...(run.signal ? { signal: run.signal } : {}) };
    result = await grader.grade(await gradingExercise(app.config.projectRoot, run.exercise, run.variant), submitted, ticket);
    // Cancelled before a verdict: nothing was judged, so it costs the learner nothing.
    noVerdict = result.status === 'error' && run.signal?.aborted === true;
  } catch (error) {
    if (graderRefusal(error)) throw error;
    console.error('[practicum] grading failed', error);
    noVerdict = true;
    result = errorResult('The grader failed while running your code. Your submission was saved; please submit again.', { durationMs: 0, expected: 0 });
  }
  await completeSubmission(app.db, id, outcomeOf(result, noVerdict));
  return result;
}

async function gradeQueued(app: App, id: string, run: GradingRun): Promise<GradeResult> {
  const queued = await queuedGradingFor(app);
  await queued.gradeStored(id, { exerciseId: run.exercise.id, variant: run.variant, owner: run.owner, priority: run.priority, signal: run.signal });
  const row = await app.db.get<{ result: string | null }>('SELECT result FROM submissions WHERE id = ?', id);
  if (!row?.result) throw new Error(`submission ${id} was announced as graded but holds no result`);
  return JSON.parse(row.result) as GradeResult;
}

/** Starts what grades in this mode (the warm grader, or the queue connection) before anything is stored. */
export async function gradingReady(app: App): Promise<void> {
  if (app.config.databaseUrl) await queuedGradingFor(app);
  else await getGrader(app);
}

/** Grades the stored submission `id` (status 'queued') and completes its row; the stored result. */
export function gradeStored(app: App, id: string, submitted: CheckedSubmission, run: GradingRun): Promise<GradeResult> {
  return app.config.databaseUrl ? gradeQueued(app, id, run) : gradeInProcess(app, id, submitted, run);
}

/** "Run tests": the visible tests only, graded where the mode grades, neither stored nor credited. */
export async function runVisible(app: App, submitted: CheckedSubmission, run: GradingRun): Promise<GradeResult> {
  if (app.config.databaseUrl) {
    const queued = await queuedGradingFor(app);
    return queued.runVisible(submitted.stored(), { exerciseId: run.exercise.id, variant: run.variant, owner: run.owner, priority: 'practice', signal: run.signal });
  }
  const grader = await getGrader(app);
  return grader.grade(await gradingExercise(app.config.projectRoot, run.exercise, run.variant), submitted, {
    include: 'visible',
    owner: run.owner,
    priority: 'practice',
    ...(run.signal ? { signal: run.signal } : {}),
  });
}
