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

export interface AttemptBreakdown {
  components: { id: string; name: string; score: number; passMark: number; passed: boolean }[];
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

  const lessons = db
    .prepare(
      `SELECT lp.user_id, lp.lesson, lp.completed_at FROM lesson_progress lp
       JOIN cohort_members m ON m.user_id = lp.user_id AND m.cohort_id = ? WHERE lp.program = ?`,
    )
    .raw()
    .iterate(cohortId, program) as IterableIterator<[string, string, number]>;
  for (const [userId, lesson, at] of lessons) {
    const facts = byId.get(userId);
    const session = lessonSessions.get(lesson);
    if (!facts || session === undefined) continue;
    facts.lessonsDone++;
    facts.lessonsBySession.set(session, (facts.lessonsBySession.get(session) ?? 0) + 1);
    if (facts.lastLessonAt === null || at > facts.lastLessonAt) facts.lastLessonAt = at;
  }

  const passes = db
    .prepare(
      `SELECT s.user_id, s.exercise_id, MIN(s.created_at) FROM submissions s
       JOIN cohort_members m ON m.user_id = s.user_id AND m.cohort_id = ?
       WHERE s.status = 'pass' AND s.attempt_id IS NULL GROUP BY s.user_id, s.exercise_id`,
    )
    .raw()
    .iterate(cohortId) as IterableIterator<[string, string, number]>;
  for (const [userId, exerciseId, at] of passes) {
    const facts = byId.get(userId);
    if (!facts) continue;
    facts.exercisesPassed.add(exerciseId);
    if (facts.lastPassAt === null || at > facts.lastPassAt) facts.lastPassAt = at;
  }

  const attempts = db
    .prepare(
      `SELECT a.user_id, a.id, a.score, a.passed, a.level, a.breakdown, a.submitted_at FROM attempts a
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
      facts.bestAttempt = { id, score, passed: passed === 1, level, breakdown: breakdown ? (JSON.parse(breakdown) as AttemptBreakdown) : null, submittedAt };
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
