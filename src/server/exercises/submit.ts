// Turns a learner's submission ({files}, or a code review's {findings}) into a stored, graded one.
// The exercise comes from the catalogue once (the route opened it) and the submission is checked
// once, by the grader's own rules, before the row is written; grading gets that checked submission.
// The row is written before grading starts and completed after, so a crash mid-grade leaves an
// 'error' row, never a lost submission. The stored row keeps the grader's full result and the files
// (a review's findings as findings.json text, the one shape stored rows have); the learner gets what
// feedback.ts allows. "Run tests" (visible tests only) goes through the same sandbox but is neither
// stored nor credited.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { consume, type RateLimitRule } from '../auth/rate-limit.ts';
import { hasViewedSolution } from '../db/drafts.ts';
import { deleteQueuedSubmission, insertQueuedSubmission, insertQueuedWithinAllowance, listSubmissions, newBytesFor } from '../db/submissions.ts';
import { requireStorage } from '../storage-quota.ts';
import { HttpError, isRecord } from '../http.ts';
import type { GradeResult } from '../../lib/grade-result.ts';
import { exerciseFiles } from '../content/catalog.ts';
import { checkSubmission, type CheckedSubmission } from '../grader/grader.ts';
import { graderHttpError } from '../grader/refusals.ts';
import type { Submission } from '../../lib/contracts/submission.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { allowanceOf, allowanceUsedUp } from './allowance.ts';
import { learnerResult } from './feedback.ts';
import type { LearnerResult, SubmissionAllowance } from '../../lib/contracts/exercise-view.ts';
import { gradeStored, gradingReady, runVisible } from './grading.ts';
import { changedFromStarter, solutionAvailable } from './solution-policy.ts';

/** Grading is the most expensive thing a learner can ask for: a per-user ceiling on top of the queue. */
export const GRADE_RULE: RateLimitRule = { bucket: 'grade', limit: 60, windowMs: 60_000 };

/**
 * The submission a request body carries: {files: {path: text}}, or for a code review {findings: [...]}
 * (the findings stay data; the grader checks them). A review's findings may also come as
 * {files: {"findings.json": text}}, the form a saved draft has.
 */
export function submissionOf(body: unknown): Submission {
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send a JSON object with "files".');
  if (Array.isArray(body['findings'])) return { findings: body['findings'] };
  const files = body['files'];
  if (!isRecord(files)) throw new HttpError(400, 'invalid_input', 'Send "files" as an object mapping file paths to their text.');
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== 'string') throw new HttpError(400, 'invalid_input', `The content of "${path}" must be text.`);
    out[path] = text;
  }
  return { files: out };
}

export { graderHttpError };

async function limitGrading(app: App, user: SessionUser): Promise<void> {
  const limit = await consume(app.db, GRADE_RULE, user.id);
  if (!limit.ok) {
    throw new HttpError(429, 'rate_limited', `You have run the grader ${GRADE_RULE.limit} times this minute; wait ${limit.retryAfterSeconds} s.`, {
      headers: { 'retry-after': String(limit.retryAfterSeconds) },
    });
  }
}

/** The submission checked against the exercise (400/413 when it cannot be graded): the only check it gets. */
function checked(exercise: Exercise, submission: Submission): CheckedSubmission {
  try {
    return checkSubmission(exercise, submission);
  } catch (error) {
    throw graderHttpError(error) ?? error;
  }
}

export interface GradeTarget {
  /** The exercise, or the variant of a task the attempt holds (view.ts openExercise). */
  exercise: Exercise;
  variant: string | null;
  /** The certification attempt the task is graded in, and the graded submissions a task allows in it. */
  attempt: { id: string; limit: number } | null;
}

export interface GradedSubmission extends LearnerResult {
  id: string;
  /** Inside an attempt: the task's allowance after this submission. */
  submissions?: SubmissionAllowance;
}

/** What the learner may see of a result they just earned (see feedback.ts). */
async function shownTo(app: App, user: SessionUser, target: GradeTarget, result: GradeResult, files: Record<string, string>): Promise<LearnerResult> {
  const { exercise, attempt } = target;
  const certification = exercise.certification || attempt !== null;
  // Only a practice review's feedback depends on whether the solution (and so the key) is open.
  const solutionUnlocked =
    !certification && exercise.kind === 'review'
      ? solutionAvailable(exercise, await listSubmissions(app.db, user.id, exercise.id, 50), await hasViewedSolution(app.db, user.id, exercise.id))
      : false;
  return learnerResult(result, { kind: exercise.kind, certification, solutionUnlocked, files });
}

/**
 * Grades with credit and stores the outcome. Inside an attempt a task allows a fixed number of graded
 * submissions: one refused before grading (invalid files, a full queue) or one that got no verdict
 * (grader failure, cancellation) does not use one.
 */
export async function gradeSubmission(
  app: App,
  user: SessionUser,
  target: GradeTarget,
  submission: Submission,
  signal?: AbortSignal,
): Promise<GradedSubmission> {
  const { exercise, attempt, variant } = target;
  if (attempt && (await allowanceOf(app.db, attempt.id, exercise.id, attempt.limit)).remaining === 0) throw allowanceUsedUp(attempt.limit);
  await limitGrading(app, user);
  const submitted = checked(exercise, submission);
  const files = submitted.stored();
  // The grader (or the queue) is up before anything is stored: a start-up failure stores nothing.
  await gradingReady(app);
  const root = app.config.projectRoot;
  const changed = changedFromStarter(exercise, exerciseFiles(root, exercise, variant).editable, files);
  const row = { userId: user.id, exerciseId: exercise.id, files, changed };
  // The quota check and the insert it allows are one transaction: two submissions at once cannot both fit in the room left for one.
  const id = await app.db.transaction(async (tx) => {
    await requireStorage({ ...app, db: tx }, user.id, await newBytesFor(tx, user.id, files));
    return attempt ? await insertQueuedWithinAllowance(tx, { ...row, attemptId: attempt.id }, attempt.limit) : await insertQueuedSubmission(tx, row);
  });
  if (id === null) throw allowanceUsedUp(attempt?.limit ?? 0);
  let result: GradeResult;
  try {
    result = await gradeStored(app, id, submitted, { exercise, variant, owner: user.id, priority: attempt ? 'certification' : 'practice', signal });
  } catch (error) {
    const http = graderHttpError(error);
    if (http && http.status < 500) {
      // Refused, not graded (a full queue, a learner already being graded: retry after
      // Retry-After): the row goes, so it uses none of a task's graded submissions.
      await deleteQueuedSubmission(app.db, id);
    }
    throw http ?? error;
  }
  const shown: GradedSubmission = { ...await shownTo(app, user, target, result, files), id };
  if (attempt) shown.submissions = await allowanceOf(app.db, attempt.id, exercise.id, attempt.limit);
  return shown;
}

/** Runs only the visible tests in the sandbox: the server fallback for "Run tests". Not stored. */
export async function runVisibleTests(app: App, user: SessionUser, opened: { exercise: Exercise; variant: string | null }, submission: Submission, signal?: AbortSignal): Promise<GradeResult> {
  const { exercise, variant } = opened;
  // A review has no tests: the grader would score the findings against the answer key, unstored
  // and unlimited, and hand the whole key back.
  if (exercise.kind === 'review') {
    throw new HttpError(400, 'nothing_to_run', 'A code review has no tests to run: submit your findings to have them graded.');
  }
  await limitGrading(app, user);
  const submitted = checked(exercise, submission);
  try {
    return await runVisible(app, submitted, { exercise, variant, owner: user.id, priority: 'practice', signal });
  } catch (error) {
    throw graderHttpError(error) ?? error;
  }
}
