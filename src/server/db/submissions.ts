// Graded submissions. A row is written (status 'queued') before grading starts and completed after,
// so a crash mid-grade leaves a row that recovery marks 'error' — never a lost submission.
import type { Db } from './open.ts';
import { newId } from '../ids.ts';
import { errorResult } from '../../lib/grade-result.ts';

export type SubmissionStatus = 'queued' | 'pass' | 'fail' | 'error';

export interface Submission {
  id: string;
  userId: string;
  exerciseId: string;
  attemptId: string | null;
  files: Record<string, string>;
  status: SubmissionStatus;
  score: number | null;
  result: unknown;
  durationMs: number | null;
  createdAt: number;
  gradedAt: number | null;
}

interface Row {
  id: string;
  user_id: string;
  exercise_id: string;
  attempt_id: string | null;
  files: string;
  status: SubmissionStatus;
  score: number | null;
  result: string | null;
  duration_ms: number | null;
  created_at: number;
  graded_at: number | null;
}

const toSubmission = (r: Row): Submission => ({
  id: r.id,
  userId: r.user_id,
  exerciseId: r.exercise_id,
  attemptId: r.attempt_id,
  files: JSON.parse(r.files) as Record<string, string>,
  status: r.status,
  score: r.score,
  result: r.result ? (JSON.parse(r.result) as unknown) : null,
  durationMs: r.duration_ms,
  createdAt: r.created_at,
  gradedAt: r.graded_at,
});

export function insertQueuedSubmission(
  db: Db,
  input: { userId: string; exerciseId: string; attemptId?: string | null; files: Record<string, string>; now?: number },
): string {
  const id = newId();
  db.prepare(
    "INSERT INTO submissions (id, user_id, exercise_id, attempt_id, files, status, created_at) VALUES (?, ?, ?, ?, ?, 'queued', ?)",
  ).run(id, input.userId, input.exerciseId, input.attemptId ?? null, JSON.stringify(input.files), input.now ?? Date.now());
  return id;
}

export function completeSubmission(
  db: Db,
  id: string,
  outcome: { status: Exclude<SubmissionStatus, 'queued'>; score: number | null; result: unknown; durationMs: number; failedTests: string[]; now?: number },
): void {
  db.prepare(
    'UPDATE submissions SET status = ?, score = ?, result = ?, duration_ms = ?, failed_tests = ?, graded_at = ? WHERE id = ?',
  ).run(outcome.status, outcome.score, JSON.stringify(outcome.result), outcome.durationMs, JSON.stringify(outcome.failedTests), outcome.now ?? Date.now(), id);
}

/** Removes a row that was refused before grading began (queue full): it was never accepted. */
export function deleteQueuedSubmission(db: Db, id: string): void {
  db.prepare("DELETE FROM submissions WHERE id = ? AND status = 'queued'").run(id);
}

/** At start-up: submissions left 'queued' by a crash become 'error' with an explanation. */
export function failInterruptedSubmissions(db: Db, now = Date.now()): number {
  const result = errorResult('Grading was interrupted (the server restarted). Your code was saved; submit again to grade it.', { durationMs: 0, expected: 0 });
  return db
    .prepare("UPDATE submissions SET status = 'error', score = 0, result = ?, graded_at = ? WHERE status = 'queued'")
    .run(JSON.stringify(result), now).changes;
}

export function getSubmission(db: Db, id: string): Submission | null {
  const row = db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as Row | undefined;
  return row ? toSubmission(row) : null;
}

/** Newest first: practice submissions, or those made inside one certification attempt. */
export function listSubmissions(db: Db, userId: string, exerciseId: string, limit = 20, attemptId: string | null = null): Submission[] {
  // `IS ?` matches NULL (practice) and an attempt id alike.
  const rows = db
    .prepare('SELECT * FROM submissions WHERE user_id = ? AND exercise_id = ? AND attempt_id IS ? ORDER BY created_at DESC LIMIT ?')
    .all(userId, exerciseId, attemptId, limit) as Row[];
  return rows.map(toSubmission);
}

export function passedExerciseIds(db: Db, userId: string): Set<string> {
  const rows = db
    .prepare("SELECT DISTINCT exercise_id FROM submissions WHERE user_id = ? AND status = 'pass' AND attempt_id IS NULL")
    .all(userId) as { exercise_id: string }[];
  return new Set(rows.map((r) => r.exercise_id));
}
