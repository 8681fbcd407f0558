// Per-learner facts for one cohort, gathered with a handful of grouped queries (no per-learner queries),
// so a 10,000-learner cohort stays well under a second.
import type { Db } from '../db/open.ts';

export interface LearnerFacts {
  id: string;
  name: string;
  email: string;
  joinedAt: number;
  lastActiveAt: number | null;
  lessonsBySession: Map<number, number>;
  lessonsDone: number;
  lastLessonAt: number | null;
  exercisesPassed: Set<string>;
  lastPassAt: number | null;
  bestAttempt: { id: string; score: number; passed: boolean; level: string | null; breakdown: AttemptBreakdown | null; submittedAt: number } | null;
  attempts: number;
  certificate: { id: string; level: string; issuedAt: number; revoked: boolean; expiresAt: number | null } | null;
}

/** What the report needs of an attempt's stored breakdown: its scores per skill area. */
export interface AttemptBreakdown {
  skills: { skill: string; score: number }[];
}

export function gatherLearners(db: Db, cohortId: string, program: string, lessonSessions: ReadonlyMap<string, number>): LearnerFacts[] {
  const members = db
    .prepare(
      `SELECT u.id, u.name, u.email, u.last_active_at, m.joined_at FROM cohort_members m JOIN users u ON u.id = m.user_id
       WHERE m.cohort_id = ? ORDER BY u.name COLLATE NOCASE`,
    )
    .all(cohortId) as { id: string; name: string; email: string; last_active_at: number | null; joined_at: number }[];
  const byId = new Map<string, LearnerFacts>();
  for (const m of members) {
    byId.set(m.id, {
      id: m.id,
      name: m.name,
      email: m.email,
      joinedAt: m.joined_at,
      lastActiveAt: m.last_active_at,
      lessonsBySession: new Map(),
      lessonsDone: 0,
      lastLessonAt: null,
      exercisesPassed: new Set(),
      lastPassAt: null,
      bestAttempt: null,
      attempts: 0,
      certificate: null,
    });
  }

  // One summary row per learner (kept by triggers, migration 009), not one row per lesson.
  const lessons = db
    .prepare(
      `SELECT user_id, lessons, last_at FROM learner_lessons
       WHERE program = ? AND user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    )
    .raw()
    .iterate(program, cohortId) as IterableIterator<[string, string, number]>;
  for (const [userId, joined, lastAt] of lessons) {
    const facts = byId.get(userId);
    if (!facts) continue;
    for (const lesson of joined.split('\u001f')) {
      const session = lessonSessions.get(lesson);
      if (session === undefined) continue;
      facts.lessonsDone++;
      facts.lessonsBySession.set(session, (facts.lessonsBySession.get(session) ?? 0) + 1);
    }
    facts.lastLessonAt = lastAt;
  }

  const passes = db
    .prepare(
      `SELECT user_id, group_concat(exercise_id, char(31)), MAX(pass_at) FROM learner_exercises
       WHERE pass_at IS NOT NULL AND user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)
       GROUP BY user_id`,
    )
    .raw()
    .iterate(cohortId) as IterableIterator<[string, string, number]>;
  for (const [userId, joined, lastAt] of passes) {
    const facts = byId.get(userId);
    if (!facts) continue;
    for (const exerciseId of joined.split('\u001f')) facts.exercisesPassed.add(exerciseId);
    facts.lastPassAt = lastAt;
  }

  const attempts = db
    .prepare(
      // Only the skills part of the stored breakdown: the rest (questions, tasks) is large and unused here.
      `SELECT a.user_id, a.id, a.score, a.passed, a.level, json_extract(a.breakdown, '$.skills'), a.submitted_at FROM attempts a
       JOIN cohort_members m ON m.user_id = a.user_id AND m.cohort_id = ?
       WHERE a.program = ? AND a.status = 'submitted'`,
    )
    .raw()
    .iterate(cohortId, program) as IterableIterator<[string, string, number, number, string | null, string | null, number]>;
  for (const [userId, id, score, passed, level, breakdown, submittedAt] of attempts) {
    const facts = byId.get(userId);
    if (!facts) continue;
    facts.attempts++;
    if (!facts.bestAttempt || score > facts.bestAttempt.score) {
      facts.bestAttempt = { id, score, passed: passed === 1, level, breakdown: breakdown ? { skills: JSON.parse(breakdown) as AttemptBreakdown['skills'] } : null, submittedAt };
    }
  }

  const certificates = db
    .prepare(
      `SELECT c.user_id, c.id, c.level, c.issued_at, c.revoked_at, c.expires_at FROM certificates c
       JOIN cohort_members m ON m.user_id = c.user_id AND m.cohort_id = ? WHERE c.program = ? ORDER BY c.issued_at`,
    )
    .raw()
    .iterate(cohortId, program) as IterableIterator<[string, string, string, number, number | null, number | null]>;
  for (const [userId, id, level, issuedAt, revokedAt, expiresAt] of certificates) {
    const facts = byId.get(userId);
    if (facts) facts.certificate = { id, level, issuedAt, revoked: revokedAt !== null, expiresAt };
  }
  return [...byId.values()];
}
