// How far a cohort's learners are with a session's exercises and the certification, counted in SQL by
// grouped queries over the per-learner summaries (learner_exercises, exercise_starts, attempts), never a
// query per learner, so a 10,000-learner cohort answers in a fraction of a second, often enough for a
// page that refreshes every few seconds. Also each cohort session's start time of day (migration 025).
// Who may ask: cohorts/.
import type { Db } from './open.ts';
import { jsonList, orderedJoin } from './dialect.ts';

export interface ExerciseCounts {
  /** Learners who saved a draft or submitted at least once (passed ones included). */
  started: number;
  /** Learners with at least one graded practice submission. */
  tried: number;
  /** Learners with a passing practice submission. */
  passed: number;
  /** Learners not passed yet with at least `stuckAfter` failed practice submissions. */
  stuck: number;
}

const NONE: ExerciseCounts = { started: 0, tried: 0, passed: 0, stuck: 0 };

/**
 * Counts per exercise id (every id asked for is in the answer, zeros included), in one pass over the
 * cohort's members and the exercises: two primary-key lookups per member and exercise, and the
 * practice-submission index only for learners who tried and have not passed.
 */
export async function exerciseCounts(db: Db, cohortId: string, exerciseIds: readonly string[], stuckAfter: number): Promise<Map<string, ExerciseCounts>> {
  const counts = new Map<string, ExerciseCounts>(exerciseIds.map((id) => [id, { ...NONE }]));
  if (exerciseIds.length === 0) return counts;
  // A start is a first saved draft (exercise_starts) or, for work submitted without one, a graded submission.
  const rows = await db.all<{ id: string } & ExerciseCounts>(
    `SELECT j.value AS id,
       COUNT(*) FILTER (WHERE s.user_id IS NOT NULL OR le.user_id IS NOT NULL) AS started,
       COUNT(le.user_id) AS tried,
       COUNT(le.pass_at) AS passed,
       COUNT(*) FILTER (WHERE le.user_id IS NOT NULL AND le.pass_at IS NULL AND (
         SELECT COUNT(*) FROM submissions f
         WHERE f.user_id = le.user_id AND f.exercise_id = le.exercise_id AND f.attempt_id IS NULL AND f.status = 'fail') >= ?) AS stuck
     FROM cohort_members m
     CROSS JOIN ${jsonList(db)} j
     LEFT JOIN learner_exercises le ON le.user_id = m.user_id AND le.exercise_id = j.value
     LEFT JOIN exercise_starts s ON s.user_id = m.user_id AND s.exercise_id = j.value
     WHERE m.cohort_id = ?
     GROUP BY j.value`,
    stuckAfter,
    JSON.stringify(exerciseIds),
    cohortId,
  );
  for (const { id, started, tried, passed, stuck } of rows) counts.set(id, { started, tried, passed, stuck });
  return counts;
}

export interface CertificationCounts {
  /** Learners who started an attempt at the level. */
  started: number;
  /** Learners with an attempt open and its time not run out at `now`. */
  inProgress: number;
  /** Learners who submitted an attempt. */
  submitted: number;
  /** Learners who passed one. */
  passed: number;
}

/**
 * The cohort's learners and their exam attempts at `level` of `program` (attempts stored before the
 * ladder have no level and were for its first, `firstLevel` true); renewals are not counted.
 */
export async function certificationCounts(db: Db, cohortId: string, program: string, level: string, firstLevel: boolean, now: number): Promise<CertificationCounts> {
  const row = (await db.get<CertificationCounts>(
    `SELECT COUNT(DISTINCT a.user_id) AS started,
            COUNT(DISTINCT CASE WHEN a.status = 'open' AND a.expires_at > ? THEN a.user_id END) AS "inProgress",
            COUNT(DISTINCT CASE WHEN a.status = 'submitted' THEN a.user_id END) AS submitted,
            COUNT(DISTINCT CASE WHEN a.passed = 1 THEN a.user_id END) AS passed
     FROM cohort_members m
     ${orderedJoin(db)} attempts a ON a.user_id = m.user_id AND a.program = ? AND a.kind = 'exam' AND a.purpose = 'certify'
       AND (a.target_level = ? OR (? AND a.target_level IS NULL))
     WHERE m.cohort_id = ?`,
    now,
    program,
    level,
    firstLevel ? 1 : 0,
    cohortId,
  ))!;
  return { started: row.started, inProgress: row.inProgress, submitted: row.submitted, passed: row.passed };
}

/** The session's start as minutes after midnight, or null when none was saved. */
export async function sessionStart(db: Db, cohortId: string, session: number): Promise<number | null> {
  const row = await db.get('SELECT start_minute FROM cohort_session_starts WHERE cohort_id = ? AND session = ?', cohortId, session) as { start_minute: number } | undefined;
  return row?.start_minute ?? null;
}

export async function setSessionStart(db: Db, cohortId: string, session: number, startMinute: number, now: number): Promise<void> {
  await db.run(`INSERT INTO cohort_session_starts (cohort_id, session, start_minute, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (cohort_id, session) DO UPDATE SET start_minute = excluded.start_minute, updated_at = excluded.updated_at`, cohortId, session, startMinute, now);
}
