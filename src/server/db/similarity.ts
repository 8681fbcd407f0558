// Rows of the similarity check (migration 026): the final submissions it compares, the flagged pairs
// with their fragments and review, and each cohort's last check. Deciding what is similar is
// server/similarity/.
import type { Db } from './open.ts';
import { named } from './named.ts';
import { newId } from '../ids.ts';

export interface FinalSubmission {
  submissionId: string;
  userId: string;
  files: Record<string, string>;
  /** The task's variant the attempt held (null: a task without variants, or an attempt from before them). */
  variant?: string | null;
}

/**
 * Each candidate's final submission of a task: from their latest submitted attempt of the program
 * that has a graded one, the submission that attempt was scored on (best score, then latest, as
 * bestTaskScores picks it). Candidates are the members of the listed cohorts.
 */
export async function finalSubmissions(db: Db, cohortIds: readonly string[], program: string, exerciseId: string): Promise<FinalSubmission[]> {
  if (cohortIds.length === 0) return [];
  const marks = cohortIds.map(() => '?').join(', ');
  const rows = await db.all(`SELECT s.id, s.user_id, COALESCE(f.files, s.files) AS files, t.variant
       FROM submissions s
       JOIN attempts a ON a.id = s.attempt_id
       LEFT JOIN attempt_tasks t ON t.attempt_id = s.attempt_id AND t.exercise_id = s.exercise_id
       LEFT JOIN submission_files f ON f.hash = s.files_hash
       WHERE s.exercise_id = ? AND a.program = ? AND a.status = 'submitted' AND s.status != 'queued' AND s.no_verdict = 0
         AND s.user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id IN (${marks}))
       ORDER BY s.user_id, a.submitted_at DESC, s.score DESC NULLS LAST, s.created_at DESC`, exerciseId, program, ...cohortIds) as { id: string; user_id: string; files: string; variant: string | null }[];
  const out: FinalSubmission[] = [];
  let last = '';
  for (const r of rows) {
    if (r.user_id === last) continue;
    last = r.user_id;
    out.push({ submissionId: r.id, userId: r.user_id, files: JSON.parse(r.files) as Record<string, string>, variant: r.variant });
  }
  return out;
}

/** The variant of its task each submission was written against (attempt_tasks), by submission id. */
export async function submissionVariants(db: Db, submissionIds: readonly string[]): Promise<Map<string, string | null>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await db.all(`SELECT s.id, t.variant FROM submissions s
       LEFT JOIN attempt_tasks t ON t.attempt_id = s.attempt_id AND t.exercise_id = s.exercise_id
       WHERE s.id IN (${submissionIds.map(() => '?').join(', ')})`, ...submissionIds) as { id: string; variant: string | null }[];
  return new Map(rows.map((r) => [r.id, r.variant]));
}

export interface StoredFragment {
  a: { file: string; start: number; end: number };
  b: { file: string; start: number; end: number };
}

export interface PairInput {
  exerciseId: string;
  userA: string;
  userB: string;
  submissionA: string;
  submissionB: string;
  score: number;
  shared: number;
  fragments: StoredFragment[];
}

export interface SimilarityPair extends PairInput {
  id: string;
  cohortId: string;
  computedAt: number;
  reviewedAt: number | null;
  reviewedBy: string | null;
  reviewerName: string | null;
  reviewNote: string | null;
  nameA: string;
  nameB: string;
  emailA: string;
  emailB: string;
}

interface PairRow {
  id: string;
  cohort_id: string;
  exercise_id: string;
  user_a: string;
  user_b: string;
  submission_a: string;
  submission_b: string;
  score: number;
  shared: number;
  fragments: string;
  computed_at: number;
  reviewed_at: number | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
  review_note: string | null;
  name_a: string;
  name_b: string;
  email_a: string;
  email_b: string;
}

const SELECT_PAIR = `SELECT p.*, ua.name AS name_a, ua.email AS email_a, ub.name AS name_b, ub.email AS email_b, r.name AS reviewer_name
  FROM similarity_pairs p JOIN users ua ON ua.id = p.user_a JOIN users ub ON ub.id = p.user_b LEFT JOIN users r ON r.id = p.reviewed_by`;

const toPair = (r: PairRow): SimilarityPair => ({
  id: r.id,
  cohortId: r.cohort_id,
  exerciseId: r.exercise_id,
  userA: r.user_a,
  userB: r.user_b,
  submissionA: r.submission_a,
  submissionB: r.submission_b,
  score: r.score,
  shared: r.shared,
  fragments: JSON.parse(r.fragments) as StoredFragment[],
  computedAt: r.computed_at,
  reviewedAt: r.reviewed_at,
  reviewedBy: r.reviewed_by,
  reviewerName: r.reviewer_name,
  reviewNote: r.review_note,
  nameA: r.name_a,
  nameB: r.name_b,
  emailA: r.email_a,
  emailB: r.email_b,
});

/** Rows per multi-row INSERT and ids per DELETE … IN (…): well under both engines' parameter limits. */
const BATCH = 200;

/**
 * Replaces a cohort's pairs of one task with a fresh result, in one transaction. A pair whose two
 * submissions are unchanged keeps its id and review (and is only rewritten when its score changed); a
 * pair with a new submission on either side is a new finding (its review starts over); pairs no longer
 * at the threshold go. Writes are batched: a cohort of a few hundred candidates who all wrote the same
 * code has tens of thousands of pairs, rechecked after every submission, and one statement per pair
 * costs a round trip each on PostgreSQL.
 */
export async function replacePairs(db: Db, cohortId: string, exerciseId: string, pairs: readonly PairInput[], now: number): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = new Map(
      (await tx.all('SELECT id, user_a, user_b, submission_a, submission_b, score, shared, fragments FROM similarity_pairs WHERE cohort_id = ? AND exercise_id = ?', cohortId, exerciseId) as {
        id: string;
        user_a: string;
        user_b: string;
        submission_a: string;
        submission_b: string;
        score: number;
        shared: number;
        fragments: string;
      }[]).map((r) => [`${r.user_a}|${r.user_b}`, r]),
    );
    const removed: string[] = [];
    const added: (string | number)[][] = [];
    for (const p of pairs) {
      const key = `${p.userA}|${p.userB}`;
      const old = existing.get(key);
      existing.delete(key);
      const fragments = JSON.stringify(p.fragments);
      if (old && old.submission_a === p.submissionA && old.submission_b === p.submissionB) {
        if (old.score !== p.score || old.shared !== p.shared || old.fragments !== fragments) {
          await tx.run('UPDATE similarity_pairs SET score = ?, shared = ?, fragments = ? WHERE id = ?', p.score, p.shared, fragments, old.id);
        }
        continue;
      }
      if (old) removed.push(old.id);
      added.push([newId(), cohortId, exerciseId, p.userA, p.userB, p.submissionA, p.submissionB, p.score, p.shared, fragments, now]);
    }
    for (const gone of existing.values()) removed.push(gone.id);
    // removals first: a pair found again with a new submission keeps its (cohort, task, users) key
    for (let at = 0; at < removed.length; at += BATCH) {
      const ids = removed.slice(at, at + BATCH);
      await tx.run(`DELETE FROM similarity_pairs WHERE id IN (${ids.map(() => '?').join(', ')})`, ...ids);
    }
    for (let at = 0; at < added.length; at += BATCH) {
      const rows = added.slice(at, at + BATCH);
      await tx.run(
        `INSERT INTO similarity_pairs (id, cohort_id, exercise_id, user_a, user_b, submission_a, submission_b, score, shared, fragments, computed_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        ...rows.flat(),
      );
    }
    // every pair of the task stands as of this check
    await tx.run('UPDATE similarity_pairs SET computed_at = ? WHERE cohort_id = ? AND exercise_id = ? AND computed_at <> ?', now, cohortId, exerciseId, now);
  });
}

/** A cohort's pairs, highest score first within each task. */
export async function pairsOfCohort(db: Db, cohortId: string): Promise<SimilarityPair[]> {
  return (await db.all(`${SELECT_PAIR} WHERE p.cohort_id = ? ORDER BY p.exercise_id, p.score DESC, p.id`, cohortId) as PairRow[]).map(toPair);
}

export async function getPair(db: Db, cohortId: string, pairId: string): Promise<SimilarityPair | null> {
  const row = await db.get(`${SELECT_PAIR} WHERE p.cohort_id = ? AND p.id = ?`, cohortId, pairId) as PairRow | undefined;
  return row ? toPair(row) : null;
}

/** Marks a pair reviewed (with the note) or not reviewed (clearing who and when, keeping no note). */
export async function setPairReview(db: Db, pairId: string, review: { reviewed: boolean; note: string; by: string; now: number }): Promise<void> {
  if (review.reviewed) {
    await db.run('UPDATE similarity_pairs SET reviewed_at = ?, reviewed_by = ?, review_note = ? WHERE id = ?', review.now, review.by, review.note, pairId);
  } else {
    await db.run('UPDATE similarity_pairs SET reviewed_at = NULL, reviewed_by = NULL, review_note = ? WHERE id = ?', review.note || null, pairId);
  }
}

export interface CheckState {
  acrossProgram: boolean;
  checkedAt: number | null;
  submissions: number;
  pairs: number;
  durationMs: number | null;
}

export async function checkState(db: Db, cohortId: string): Promise<CheckState> {
  const row = await db.get('SELECT * FROM similarity_checks WHERE cohort_id = ?', cohortId) as
    | { across_program: number; checked_at: number | null; submissions: number; pairs: number; duration_ms: number | null }
    | undefined;
  return row
    ? { acrossProgram: row.across_program === 1, checkedAt: row.checked_at, submissions: row.submissions, pairs: row.pairs, durationMs: row.duration_ms }
    : { acrossProgram: false, checkedAt: null, submissions: 0, pairs: 0, durationMs: null };
}

export async function setAcrossProgram(db: Db, cohortId: string, across: boolean): Promise<void> {
  await db.run('INSERT INTO similarity_checks (cohort_id, across_program) VALUES (?, ?) ON CONFLICT (cohort_id) DO UPDATE SET across_program = excluded.across_program', cohortId, across ? 1 : 0);
}

export async function recordCheck(db: Db, cohortId: string, outcome: { checkedAt: number; submissions: number; pairs: number; durationMs: number }): Promise<void> {
  await db.run(...named(`INSERT INTO similarity_checks (cohort_id, checked_at, submissions, pairs, duration_ms) VALUES (@cohort, @checkedAt, @submissions, @pairs, @durationMs)
     ON CONFLICT (cohort_id) DO UPDATE SET checked_at = excluded.checked_at, submissions = excluded.submissions, pairs = excluded.pairs, duration_ms = excluded.duration_ms`, { cohort: cohortId, ...outcome }));
}

/** The cohorts of a program (for a check across cohorts) and the cohorts a user belongs to in it. */
export async function cohortsOfProgram(db: Db, program: string): Promise<string[]> {
  return (await db.all('SELECT id FROM cohorts WHERE program = ? ORDER BY id', program) as { id: string }[]).map((r) => r.id);
}

export async function cohortsToRecheck(db: Db, userId: string, program: string): Promise<string[]> {
  return (
    await db.all(...named(`SELECT c.id FROM cohorts c WHERE c.program = @program AND (
           c.id IN (SELECT cohort_id FROM cohort_members WHERE user_id = @user)
           OR c.id IN (SELECT cohort_id FROM similarity_checks WHERE across_program = 1))
         ORDER BY c.id`, { program, user: userId })) as { id: string }[]
  ).map((r) => r.id);
}

/** Which cohort each user belongs to (of the listed ones): names the other side of a pair across cohorts. */
export async function memberCohortNames(db: Db, userIds: readonly string[], program: string): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const marks = userIds.map(() => '?').join(', ');
  const rows = await db.all(`SELECT m.user_id, c.name FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE c.program = ? AND m.user_id IN (${marks}) ORDER BY c.created_at`, program, ...userIds) as { user_id: string; name: string }[];
  return new Map(rows.map((r) => [r.user_id, r.name]));
}

/** The stored files of two submissions. */
export async function submissionFiles(db: Db, ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const id of ids) {
    const row = await db.get('SELECT COALESCE(f.files, s.files) AS files FROM submissions s LEFT JOIN submission_files f ON f.hash = s.files_hash WHERE s.id = ?', id) as { files: string } | undefined;
    if (row) out.set(id, JSON.parse(row.files) as Record<string, string>);
  }
  return out;
}
