// Certification attempts: the level and purpose, the fixed paper, autosaved answers and flags, and
// the scored outcome (its breakdown checked against lib/contracts/attempt-breakdown.ts whenever a row
// is read). A case study's sign-off is stored here too (kind "case-study", no paper, no breakdown),
// so every certificate points at the attempt that earned it.
import type { Db } from './open.ts';
import type { StoredPaper } from '../../lib/contracts/attempt-paper.ts';
import { readAttemptBreakdown, type AttemptBreakdown } from '../../lib/contracts/attempt-breakdown.ts';

export type StoredAnswers = Record<string, string | string[]>;
export type AttemptPurpose = 'certify' | 'renew';
export type AttemptKind = 'exam' | 'case-study';

export interface AttemptRow {
  id: string;
  userId: string;
  program: string;
  /** The level the attempt is for; null for attempts stored before the ladder, which were for the program's first level. */
  targetLevel: string | null;
  purpose: AttemptPurpose;
  kind: AttemptKind;
  paper: StoredPaper;
  answers: StoredAnswers;
  flags: string[];
  status: 'open' | 'submitted';
  startedAt: number;
  expiresAt: number;
  submittedAt: number | null;
  score: number | null;
  passed: boolean | null;
  level: string | null;
  /** Null until scored. */
  breakdown: AttemptBreakdown | null;
}

interface Raw {
  id: string;
  user_id: string;
  program: string;
  target_level: string | null;
  purpose: AttemptPurpose;
  kind: AttemptKind;
  paper: string;
  answers: string;
  flags: string;
  status: 'open' | 'submitted';
  started_at: number;
  expires_at: number;
  submitted_at: number | null;
  score: number | null;
  passed: number | null;
  level: string | null;
  breakdown: string | null;
}

const toRow = (r: Raw): AttemptRow => ({
  id: r.id,
  userId: r.user_id,
  program: r.program,
  targetLevel: r.target_level,
  purpose: r.purpose,
  kind: r.kind,
  paper: JSON.parse(r.paper) as StoredPaper,
  answers: JSON.parse(r.answers) as StoredAnswers,
  flags: JSON.parse(r.flags) as string[],
  status: r.status,
  startedAt: r.started_at,
  expiresAt: r.expires_at,
  submittedAt: r.submitted_at,
  score: r.score,
  passed: r.passed === null ? null : r.passed === 1,
  level: r.level,
  breakdown: r.breakdown ? readAttemptBreakdown(r.breakdown) : null,
});

/** `level` left out stores the attempt as one for the program's first level, as attempts before the ladder read; `purpose` defaults to earning it. */
export async function insertAttempt(
  db: Db,
  a: { id: string; userId: string; program: string; level?: string | null; purpose?: AttemptPurpose; paper: StoredPaper; startedAt: number; expiresAt: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run("INSERT INTO attempts (id, user_id, program, target_level, purpose, kind, paper, status, started_at, expires_at) VALUES (?, ?, ?, ?, ?, 'exam', ?, 'open', ?, ?)", a.id,
      a.userId,
      a.program,
      a.level ?? null,
      a.purpose ?? 'certify',
      JSON.stringify(a.paper),
      a.startedAt,
      a.expiresAt);
    const insert = 'INSERT INTO attempt_questions (attempt_id, question_id, position) VALUES (?, ?, ?)';
    let position = 0;
    for (const paper of Object.values(a.paper.quiz)) for (const q of paper.questions) await tx.run(insert, a.id, q.id, position++);
    const task = 'INSERT INTO attempt_tasks (attempt_id, exercise_id, variant) VALUES (?, ?, ?)';
    for (const t of a.paper.tasks) await tx.run(task, a.id, t.exerciseId, t.variant ?? null);
  });
}

/**
 * The variants of a task this learner has been given in earlier attempts (NULL: an attempt from
 * before the task had variants, given what is now its first variant; the caller names it).
 */
export async function variantsSeenBy(db: Db, userId: string, exerciseId: string): Promise<(string | null)[]> {
  const rows = await db.all('SELECT DISTINCT t.variant AS variant FROM attempt_tasks t JOIN attempts a ON a.id = t.attempt_id WHERE a.user_id = ? AND t.exercise_id = ?', userId, exerciseId) as { variant: string | null }[];
  return rows.map((r) => r.variant);
}

/**
 * How often each variant of a task was given to the other members of this learner's cohorts (a
 * draw spreads a cohort over the variants, so neighbours rarely share one).
 */
export async function cohortVariantUsage(db: Db, userId: string, exerciseId: string): Promise<Map<string | null, number>> {
  const rows = await db.all(`SELECT t.variant AS variant, COUNT(*) AS n FROM attempt_tasks t
       JOIN attempts a ON a.id = t.attempt_id
       WHERE t.exercise_id = ? AND a.user_id <> ? AND a.user_id IN (
         SELECT peer.user_id FROM cohort_members me JOIN cohort_members peer ON peer.cohort_id = me.cohort_id WHERE me.user_id = ?)
       GROUP BY t.variant`, exerciseId, userId, userId) as { variant: string | null; n: number }[];
  return new Map(rows.map((r) => [r.variant, r.n]));
}

export async function getAttempt(db: Db, id: string): Promise<AttemptRow | null> {
  const row = await db.get('SELECT * FROM attempts WHERE id = ?', id) as Raw | undefined;
  return row ? toRow(row) : null;
}

export async function listAttempts(db: Db, userId: string, program: string): Promise<AttemptRow[]> {
  return (await db.all('SELECT * FROM attempts WHERE user_id = ? AND program = ? ORDER BY started_at', userId, program) as Raw[]).map(toRow);
}

/**
 * The scored record of a signed-off case study: submitted, passed, with no paper and no breakdown
 * (the rubric points live with the case study's reviews), so it never enters the exam reports.
 */
export async function insertCaseStudyAttempt(
  db: Db,
  a: { id: string; userId: string; program: string; level: string; purpose: AttemptPurpose; startedAt: number; signedOffAt: number; score: number },
): Promise<void> {
  await db.run(`INSERT INTO attempts (id, user_id, program, target_level, purpose, kind, paper, status, started_at, expires_at, submitted_at, score, passed, level)
     VALUES (?, ?, ?, ?, ?, 'case-study', ?, 'submitted', ?, ?, ?, ?, 1, ?)`, a.id, a.userId, a.program, a.level, a.purpose, JSON.stringify({ quiz: {}, tasks: [] } satisfies StoredPaper), a.startedAt, a.signedOffAt, a.signedOffAt, a.score, a.level);
}

export async function saveAnswers(db: Db, id: string, answers: StoredAnswers, flags: string[]): Promise<void> {
  await db.run("UPDATE attempts SET answers = ?, flags = ? WHERE id = ? AND status = 'open'", JSON.stringify(answers), JSON.stringify(flags), id);
}

/** Attempts over which question exposure is balanced: recent usage matters, ancient usage does not. */
export const EXPOSURE_WINDOW = 500;

/** How often each question appeared in the program's most recent attempts. */
export async function questionUsage(db: Db, program: string): Promise<Map<string, number>> {
  const rows = await db.all(`SELECT q.question_id AS id, COUNT(*) AS n FROM attempt_questions q
       WHERE q.attempt_id IN (SELECT id FROM attempts WHERE program = ? ORDER BY started_at DESC LIMIT ${EXPOSURE_WINDOW})
       GROUP BY q.question_id`, program) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Questions on the papers of every earlier attempt of this learner at the program (a retake draws unseen ones first). */
export async function questionsSeenBy(db: Db, userId: string, program: string): Promise<Set<string>> {
  const rows = await db.all(`SELECT DISTINCT q.question_id AS id FROM attempt_questions q
       JOIN attempts a ON a.id = q.attempt_id
       WHERE a.user_id = ? AND a.program = ?`, userId, program) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** Marks the attempt submitted with its outcome; false when it was already submitted (a race lost). */
export async function finishAttempt(
  db: Db,
  id: string,
  outcome: { submittedAt: number; score: number; passed: boolean; level: string | null; breakdown: AttemptBreakdown; marks: Record<string, number> },
): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const changed = (await tx.run("UPDATE attempts SET status = 'submitted', submitted_at = ?, score = ?, passed = ?, level = ?, breakdown = ? WHERE id = ? AND status = 'open'", outcome.submittedAt, outcome.score, outcome.passed ? 1 : 0, outcome.level, JSON.stringify(outcome.breakdown), id)).changes;
    if (!changed) return false;
    const mark = 'UPDATE attempt_questions SET mark = ? WHERE attempt_id = ? AND question_id = ?';
    for (const [questionId, value] of Object.entries(outcome.marks)) await tx.run(mark, value, id, questionId);
    return true;
  });
}

/**
 * Best graded score per task exercise within an attempt: the best of a task's graded submissions
 * counts, so a later, worse try never costs a candidate what they already earned. Rows without a
 * verdict (grader failure, restart) are not graded submissions and are left out.
 */
export async function bestTaskScores(db: Db, attemptId: string): Promise<Map<string, { score: number; submissionId: string; status: string }>> {
  const rows = await db.all("SELECT id, exercise_id, score, status FROM submissions WHERE attempt_id = ? AND status != 'queued' AND no_verdict = 0 ORDER BY score DESC NULLS LAST, created_at DESC", attemptId) as { id: string; exercise_id: string; score: number | null; status: string }[];
  const best = new Map<string, { score: number; submissionId: string; status: string }>();
  for (const r of rows) if (!best.has(r.exercise_id)) best.set(r.exercise_id, { score: r.score ?? 0, submissionId: r.id, status: r.status });
  return best;
}
