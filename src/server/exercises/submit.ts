// Turns a learner's files into a stored, graded submission. The row is written before grading
// starts and completed after, so a crash mid-grade leaves an 'error' row, never a lost submission.
// "Run tests" (visible tests only) goes through the same sandbox but is neither stored nor credited.
import { join } from 'node:path';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { consume, type RateLimitRule } from '../auth/rate-limit.ts';
import { completeSubmission, deleteQueuedSubmission, insertQueuedSubmission } from '../db/submissions.ts';
import { HttpError, isRecord } from '../http.ts';
import { errorResult, type GradeResult } from '../../lib/grade-result.ts';
import { loadExercise } from '../grader/exercise-loader.ts';
import { GraderClosedError, InvalidSubmissionError, QueueFullError, UnknownExerciseError } from '../grader/grader.ts';
import { REVIEW_FINDINGS_FILE, validateSubmission } from '../grader/submission.ts';
import { getGrader } from './grader-instance.ts';

/** Grading is the most expensive thing a learner can ask for: a per-user ceiling on top of the queue. */
export const GRADE_RULE: RateLimitRule = { bucket: 'grade', limit: 60, windowMs: 60_000 };

export interface GradedSubmission extends GradeResult {
  id: string;
}

/** Accepts {files: {path: text}} or, for review exercises, {findings: [...]} (stored as findings.json). */
export function submittedFiles(body: unknown): Record<string, string> {
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send a JSON object with "files".');
  if (Array.isArray(body['findings'])) return { [REVIEW_FINDINGS_FILE]: JSON.stringify({ findings: body['findings'] }) };
  const files = body['files'];
  if (!isRecord(files)) throw new HttpError(400, 'invalid_input', 'Send "files" as an object mapping file paths to their text.');
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== 'string') throw new HttpError(400, 'invalid_input', `The content of "${path}" must be text.`);
    out[path] = text;
  }
  return out;
}

/** Maps the grader's typed errors to HTTP; anything else is left for the caller. */
export function graderHttpError(error: unknown): HttpError | undefined {
  if (error instanceof UnknownExerciseError) return new HttpError(404, 'not_found', error.message);
  if (error instanceof InvalidSubmissionError) {
    return error.tooLarge ? new HttpError(413, 'too_large', error.message) : new HttpError(400, 'invalid_submission', error.message);
  }
  if (error instanceof QueueFullError) {
    return new HttpError(429, 'grader_busy', error.message, { headers: { 'retry-after': String(error.retryAfterSeconds) } });
  }
  if (error instanceof GraderClosedError) return new HttpError(503, 'grader_closed', 'The grader is restarting; try again in a moment.');
  return undefined;
}

function limitGrading(app: App, user: SessionUser): void {
  const limit = consume(app.db, GRADE_RULE, user.id);
  if (!limit.ok) {
    throw new HttpError(429, 'rate_limited', `You have run the grader ${GRADE_RULE.limit} times this minute; wait ${limit.retryAfterSeconds} s.`, {
      headers: { 'retry-after': String(limit.retryAfterSeconds) },
    });
  }
}

async function validateFor(app: App, exerciseId: string, files: Record<string, string>): Promise<void> {
  try {
    const exercise = await loadExercise(join(app.config.projectRoot, 'exercises'), exerciseId);
    validateSubmission(exercise.definition, files);
  } catch (error) {
    throw graderHttpError(error) ?? error;
  }
}

function scoreOf(result: GradeResult): number {
  return result.score ?? (result.status === 'pass' ? 1 : 0);
}

/** Grades with credit and stores the outcome. `attemptId` ties it to a certification attempt. */
export async function gradeSubmission(
  app: App,
  user: SessionUser,
  exerciseId: string,
  files: Record<string, string>,
  attemptId: string | null,
  signal?: AbortSignal,
): Promise<GradedSubmission> {
  limitGrading(app, user);
  await validateFor(app, exerciseId, files);
  const grader = await getGrader(app);
  const id = insertQueuedSubmission(app.db, { userId: user.id, exerciseId, attemptId, files });
  let result: GradeResult;
  try {
    result = await grader.grade(exerciseId, files, signal ? { signal } : {});
  } catch (error) {
    const http = graderHttpError(error);
    if (error instanceof QueueFullError) {
      // Refused before it was accepted: the learner keeps their code and retries after Retry-After.
      deleteQueuedSubmission(app.db, id);
      throw http;
    }
    console.error('[practicum] grading failed', error);
    result = errorResult(http?.message ?? 'The grader failed while running your code. Your submission was saved; please submit again.', {
      durationMs: 0,
      expected: 0,
    });
  }
  completeSubmission(app.db, id, {
    status: result.status,
    score: scoreOf(result),
    result,
    durationMs: result.durationMs,
    failedTests: result.tests.filter((t) => t.status !== 'pass').map((t) => t.name),
  });
  return { ...result, id };
}

/** Runs only the visible tests in the sandbox: the server fallback for "Run tests". Not stored. */
export async function runVisibleTests(app: App, user: SessionUser, exerciseId: string, files: Record<string, string>, signal?: AbortSignal): Promise<GradeResult> {
  limitGrading(app, user);
  await validateFor(app, exerciseId, files);
  const grader = await getGrader(app);
  try {
    return await grader.grade(exerciseId, files, signal ? { include: 'visible', signal } : { include: 'visible' });
  } catch (error) {
    throw graderHttpError(error) ?? error;
  }
}
