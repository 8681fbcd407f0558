// Graded submissions. A row is written (status 'queued') before grading starts and completed after,
// so a crash mid-grade leaves a row that recovery marks 'error' — never a lost submission.
import { createHash } from 'node:crypto';
import type { Db } from './open.ts';
import { named } from './named.ts';
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
  /** The learner changed something from the starter (null: stored before this was recorded). */
  changed: boolean | null;
  /** Grading produced no verdict (grader failure, restart, cancellation). */
  noVerdict: boolean;
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
  changed: number | null;
  no_verdict: number;
}

/** Every submission column, with the files taken from submission_files when they are stored there. */
const SELECT_SUBMISSION = 'SELECT s.*, COALESCE(f.files, s.files) AS files FROM submissions s LEFT JOIN submission_files f ON f.hash = s.files_hash';

/** The files as stored: JSON with keys in order, so equal contents give equal text and one hash. */
export function canonicalFiles(files: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Stores a content once; returns its hash. Case studies (db/case-studies.ts) keep their files the same way. */
export async function storeFiles(db: Db, files: Readonly<Record<string, string>>): Promise<string> {
  const text = canonicalFiles(files);
  const hash = createHash('sha256').update(text).digest('hex');
  await db.run('INSERT INTO submission_files (hash, files, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', hash, text, Buffer.byteLength(text));
  return hash;
}

/**
 * Bytes an account keeps: each distinct submitted content once (submissions and case studies),
 * legacy inline submissions, and drafts. Submitting the same files again costs nothing.
 */
export async function storedBytesOf(db: Db, userId: string): Promise<number> {
  const row = await db.get(...named(`SELECT
         COALESCE((SELECT SUM(f.bytes) FROM submission_files f WHERE f.hash IN (
           SELECT files_hash FROM submissions WHERE user_id = @user AND files_hash IS NOT NULL
           UNION SELECT files_hash FROM case_studies WHERE user_id = @user AND files_hash IS NOT NULL)), 0)
       + COALESCE((SELECT SUM(octet_length(files)) FROM submissions WHERE user_id = @user AND files_hash IS NULL), 0)
       + COALESCE((SELECT SUM(octet_length(files)) FROM drafts WHERE user_id = @user), 0) AS bytes`, { user: userId })) as { bytes: number };
  return row.bytes;
}

/** Bytes storing `files` would add to the account: 0 when it already holds this exact content. */
export async function newBytesFor(db: Db, userId: string, files: Readonly<Record<string, string>>): Promise<number> {
  const text = canonicalFiles(files);
  const hash = createHash('sha256').update(text).digest('hex');
  const held = await db.get('SELECT 1 FROM submissions WHERE user_id = ? AND files_hash = ? LIMIT 1', userId, hash);
  return held ? 0 : Buffer.byteLength(text);
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
  changed: r.changed === null ? null : r.changed === 1,
  noVerdict: r.no_verdict === 1,
});

export interface QueuedSubmissionInput {
  userId: string;
  exerciseId: string;
  attemptId?: string | null;
  files: Record<string, string>;
  /** Decided by the server from the files (see migration 011); unknown when omitted. */
  changed?: boolean;
  now?: number;
}

export async function insertQueuedSubmission(db: Db, input: QueuedSubmissionInput): Promise<string> {
  const id = newId();
  await db.transaction(async (tx) => {
    const hash = await storeFiles(tx, input.files);
    await tx.run("INSERT INTO submissions (id, user_id, exercise_id, attempt_id, files, files_hash, status, changed, created_at) VALUES (?, ?, ?, ?, '', ?, 'queued', ?, ?)", id, input.userId, input.exerciseId, input.attemptId ?? null, hash, input.changed === undefined ? null : input.changed ? 1 : 0, input.now ?? Date.now());
  });
  return id;
}

/**
 * Submissions of one task within one attempt that use up its allowance: every row except those
 * that produced no verdict. Rows still being graded count, so parallel requests cannot overshoot.
 */
export async function countAttemptSubmissions(db: Db, attemptId: string, exerciseId: string): Promise<number> {
  const row = await db.get('SELECT COUNT(*) AS n FROM submissions WHERE attempt_id = ? AND exercise_id = ? AND no_verdict = 0', attemptId, exerciseId) as { n: number };
  return row.n;
}

/** countAttemptSubmissions for every task of an attempt at once. */
export async function attemptSubmissionCounts(db: Db, attemptId: string): Promise<Map<string, number>> {
  const rows = await db.all('SELECT exercise_id, COUNT(*) AS n FROM submissions WHERE attempt_id = ? AND no_verdict = 0 GROUP BY exercise_id', attemptId) as { exercise_id: string; n: number }[];
  return new Map(rows.map((r) => [r.exercise_id, r.n]));
}

/**
 * Stores a queued attempt submission only while the task has allowance left, counting and inserting
 * in one transaction (so two requests racing for the last submission cannot both get it).
 * Returns null when the allowance is used up.
 */
export async function insertQueuedWithinAllowance(db: Db, input: QueuedSubmissionInput & { attemptId: string }, allowance: number): Promise<string | null> {
  return await db.transaction(async (tx) => (await countAttemptSubmissions(tx, input.attemptId, input.exerciseId) >= allowance ? null : await insertQueuedSubmission(tx, input)));
}

export async function completeSubmission(
  db: Db,
  id: string,
  outcome: {
    status: Exclude<SubmissionStatus, 'queued'>;
    score: number | null;
    result: unknown;
    durationMs: number;
    failedTests: string[];
    /** Grading produced no verdict on the code: the row gives no credit and uses no allowance. */
    noVerdict?: boolean;
    now?: number;
  },
): Promise<boolean> {
  // Only a row still waiting for its result: a grading job retried after its worker died, or run
  // twice, stores one result per submission. False when the row had one already (or is gone).
  const { changes } = await db.run("UPDATE submissions SET status = ?, score = ?, result = ?, duration_ms = ?, failed_tests = ?, no_verdict = ?, graded_at = ? WHERE id = ? AND status = 'queued'", outcome.status,
    outcome.score,
    JSON.stringify(outcome.result),
    outcome.durationMs,
    JSON.stringify(outcome.failedTests),
    outcome.noVerdict ? 1 : 0,
    outcome.now ?? Date.now(),
    id);
  return changes === 1;
}

/** A submission's files while it waits for grading (a grader worker reads them); null once graded or gone. */
export async function queuedSubmissionFiles(db: Db, id: string): Promise<Record<string, string> | null> {
  const row = await db.get<{ files: string }>(`${SELECT_SUBMISSION} WHERE s.id = ? AND s.status = 'queued'`, id);
  return row ? (JSON.parse(row.files) as Record<string, string>) : null;
}

/** Removes a row that was refused before grading began (queue full): it was never accepted. */
export async function deleteQueuedSubmission(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await tx.get("SELECT files_hash FROM submissions WHERE id = ? AND status = 'queued'", id) as { files_hash: string | null } | undefined;
    await tx.run("DELETE FROM submissions WHERE id = ? AND status = 'queued'", id);
    // Its content goes too, unless another submission holds the same files.
    if (row?.files_hash) {
      await tx.run(...named(`DELETE FROM submission_files WHERE hash = @hash AND NOT EXISTS (SELECT 1 FROM submissions WHERE files_hash = @hash)
           AND NOT EXISTS (SELECT 1 FROM case_studies WHERE files_hash = @hash) AND NOT EXISTS (SELECT 1 FROM peer_review_works WHERE files_hash = @hash)`, { hash: row.files_hash }));
    }
  });
}

/** At start-up: submissions left 'queued' by a crash become 'error' with an explanation. */
export async function failInterruptedSubmissions(db: Db, now = Date.now()): Promise<number> {
  const result = errorResult('Grading was interrupted (the server restarted). Your code was saved; submit again to grade it.', { durationMs: 0, expected: 0 });
  return (await db.run("UPDATE submissions SET status = 'error', score = 0, result = ?, no_verdict = 1, graded_at = ? WHERE status = 'queued'", JSON.stringify(result), now)).changes;
}

/** Newest first: practice submissions, or those made inside one certification attempt. */
export async function listSubmissions(db: Db, userId: string, exerciseId: string, limit = 20, attemptId: string | null = null): Promise<Submission[]> {
  // `IS NOT DISTINCT FROM ?` matches NULL (practice) and an attempt id alike.
  const rows = await db.all(`${SELECT_SUBMISSION} WHERE s.user_id = ? AND s.exercise_id = ? AND s.attempt_id IS NOT DISTINCT FROM ? ORDER BY s.created_at DESC LIMIT ?`, userId, exerciseId, attemptId, limit) as Row[];
  return rows.map(toSubmission);
}

/** A learner's latest submissions across exercises, newest first (the instructor's drill-down). */
export async function recentSubmissionsOf(db: Db, userId: string, limit = 200): Promise<Submission[]> {
  return (await db.all(`${SELECT_SUBMISSION} WHERE s.user_id = ? ORDER BY s.created_at DESC LIMIT ?`, userId, limit) as Row[]).map(toSubmission);
}

export async function passedExerciseIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.all("SELECT DISTINCT exercise_id FROM submissions WHERE user_id = ? AND status = 'pass' AND attempt_id IS NULL", userId) as { exercise_id: string }[];
  return new Set(rows.map((r) => r.exercise_id));
}
