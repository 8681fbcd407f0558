// Per-learner facts for one cohort, gathered with a handful of grouped queries (no per-learner queries),
// so a 10,000-learner cohort stays well under a second.
import type { Db } from '../db/open.ts';

export interface LearnerFacts {
  id: string;
  name: string;
  email: string;
  joinedAt: number;
  lastActiveAt: number | null;
  /** Shared between learners with the same lessons done: read-only. */
  lessonsBySession: ReadonlyMap<number, number>;
  lessonsDone: number;
  lastLessonAt: number | null;
  /** Shared between learners with the same exercises passed: read-only. */
  exercisesPassed: ReadonlySet<string>;
  lastPassAt: number | null;
  /**
   * The learner's best attempt at the cohort's certification: the ladder's first level, taken or
   * renewed (every attempt when no level is given); a higher level's exam is not counted in. Its
   * `skills` are the learner's competency per area in the report.
   */
  bestAttempt: { id: string; score: number; passed: boolean; level: string | null; skills: Record<string, number>; submittedAt: number } | null;
  attempts: number;
  certificate: { id: string; level: string; issuedAt: number; revoked: boolean; expiresAt: number | null } | null;
  /** Exercise ids whose solution the learner opened ("show solution"), first opened first. */
  solutionsViewed: string[];
  /** Peer reviews of the cohort's final projects assigned to the learner, and how many they submitted (last at lastReviewAt). */
  reviewsAssigned: number;
  reviewsDone: number;
  lastReviewAt: number | null;
}

const EMPTY_SESSIONS: ReadonlyMap<number, number> = new Map();
const NO_EXERCISES: ReadonlySet<string> = new Set();

export async function gatherLearners(db: Db, cohortId: string, program: string, lessonSessions: ReadonlyMap<string, number>, competencyLevel: string | null = null): Promise<LearnerFacts[]> {
  const members = await db.all<{ id: string; name: string; email: string; lastActiveAt: number | null; joinedAt: number }>(
    `SELECT u.id, u.name, CASE WHEN u.deleted_at IS NULL THEN u.email ELSE '' END AS email, u.last_active_at AS "lastActiveAt", m.joined_at AS "joinedAt"
     FROM cohort_members m JOIN users u ON u.id = m.user_id
     WHERE m.cohort_id = ? ORDER BY u.name COLLATE NOCASE`,
    cohortId,
  );
  const byId = new Map<string, LearnerFacts>();
  for (const { id, name, email, lastActiveAt, joinedAt } of members) {
    byId.set(id, {
      id,
      name,
      email,
      joinedAt,
      lastActiveAt,
      lessonsBySession: EMPTY_SESSIONS,
      lessonsDone: 0,
      lastLessonAt: null,
      exercisesPassed: NO_EXERCISES,
      lastPassAt: null,
      bestAttempt: null,
      attempts: 0,
      certificate: null,
      solutionsViewed: [],
      reviewsAssigned: 0,
      reviewsDone: 0,
      lastReviewAt: null,
    });
  }

  // One summary row per learner (kept by triggers, migrations 009 and 010), not one row per lesson or
  // submission. Learners who did the same lessons (or passed the same exercises) share one read-only
  // tally, worked out once per distinct list.
  const lessonTallies = new Map<string, { done: number; bySession: ReadonlyMap<number, number> }>();
  const lessons = await db.all<{ userId: string; joined: string; lastAt: number }>(
    `SELECT user_id AS "userId", lessons AS joined, last_at AS "lastAt" FROM learner_lessons
     WHERE program = ? AND user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    program,
    cohortId,
  );
  for (const { userId, joined, lastAt } of lessons) {
    const facts = byId.get(userId);
    if (!facts) continue;
    let tally = lessonTallies.get(joined);
    if (!tally) {
      const bySession = new Map<number, number>();
      let done = 0;
      for (const lesson of joined.split('\u001f')) {
        const session = lessonSessions.get(lesson);
        if (session === undefined) continue;
        done++;
        bySession.set(session, (bySession.get(session) ?? 0) + 1);
      }
      lessonTallies.set(joined, (tally = { done, bySession }));
    }
    facts.lessonsDone = tally.done;
    facts.lessonsBySession = tally.bySession;
    facts.lastLessonAt = lastAt;
  }

  const passedSets = new Map<string, ReadonlySet<string>>();
  const passes = await db.all<{ userId: string; joined: string; lastAt: number }>(
    `SELECT user_id AS "userId", exercises AS joined, last_at AS "lastAt" FROM learner_passes WHERE user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    cohortId,
  );
  for (const { userId, joined, lastAt } of passes) {
    const facts = byId.get(userId);
    if (!facts) continue;
    let passed = passedSets.get(joined);
    if (!passed) passedSets.set(joined, (passed = new Set(joined.split('\u001f'))));
    facts.exercisesPassed = passed;
    facts.lastPassAt = lastAt;
  }

  // Scored attempts from their report projection (migration 010), not the full stored breakdown.
  const attempts = await db.all<{ userId: string; id: string; score: number; passed: number; level: string | null; skills: string; submittedAt: number; targetLevel: string | null }>(
    `SELECT r.user_id AS "userId", r.attempt_id AS id, r.score, r.passed, r.level, r.skills, r.submitted_at AS "submittedAt", a.target_level AS "targetLevel" FROM attempt_results r
     JOIN attempts a ON a.id = r.attempt_id
     WHERE r.program = ? AND r.user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    program,
    cohortId,
  );
  /** Best = highest score; the latest of equal scores. */
  const better = (score: number, at: number, than: { score: number; submittedAt: number } | undefined) => !than || score > than.score || (score === than.score && at > than.submittedAt);
  for (const { userId, id, score, passed, level, skills, submittedAt, targetLevel } of attempts) {
    const facts = byId.get(userId);
    if (!facts) continue;
    // The cohort's certification is the ladder's first level: a Professional exam scores other, harder
    // tasks and is neither counted nor averaged here. An attempt stored before the ladder (no target
    // level) was for the first level.
    if (competencyLevel !== null && (targetLevel ?? competencyLevel) !== competencyLevel) continue;
    facts.attempts++;
    if (better(score, submittedAt, facts.bestAttempt ?? undefined)) {
      facts.bestAttempt = { id, score, passed: passed === 1, level, skills: JSON.parse(skills) as Record<string, number>, submittedAt };
    }
  }

  const certificates = await db.all<{ userId: string; id: string; level: string; issuedAt: number; revokedAt: number | null; expiresAt: number | null }>(
    `SELECT c.user_id AS "userId", c.id, c.level, c.issued_at AS "issuedAt", c.revoked_at AS "revokedAt", c.expires_at AS "expiresAt" FROM certificates c
     JOIN cohort_members m ON m.user_id = c.user_id AND m.cohort_id = ? WHERE c.program = ? ORDER BY c.issued_at`,
    cohortId,
    program,
  );
  for (const { userId, id, level, issuedAt, revokedAt, expiresAt } of certificates) {
    const facts = byId.get(userId);
    if (facts) facts.certificate = { id, level, issuedAt, revoked: revokedAt !== null, expiresAt };
  }

  // Learners are told that opening a solution is visible to their instructor: this is where it shows.
  const views = await db.all<{ userId: string; exerciseId: string }>(
    `SELECT v.user_id AS "userId", v.exercise_id AS "exerciseId" FROM solution_views v JOIN cohort_members m ON m.user_id = v.user_id AND m.cohort_id = ? ORDER BY v.viewed_at`,
    cohortId,
  );
  for (const { userId, exerciseId } of views) byId.get(userId)?.solutionsViewed.push(exerciseId);

  // Reviewing a peer's final project is part of completing the program (migration 020): a peer's
  // assignments in this cohort, whether done. An instructor standing in for a peer is not a learner.
  const reviews = await db.all<{ userId: string; assigned: number; done: number; lastAt: number | null }>(
    `SELECT a.reviewer_id AS "userId", COUNT(*) AS assigned, COUNT(*) FILTER (WHERE a.status = 'submitted') AS done, MAX(a.submitted_at) AS "lastAt" FROM peer_review_assignments a
     JOIN peer_review_works w ON w.id = a.work_id WHERE w.kind = 'exercise' AND w.cohort_id = ? AND a.role = 'peer' GROUP BY a.reviewer_id`,
    cohortId,
  );
  for (const { userId, assigned, done, lastAt } of reviews) {
    const facts = byId.get(userId);
    if (!facts) continue;
    facts.reviewsAssigned = assigned;
    facts.reviewsDone = done;
    facts.lastReviewAt = lastAt;
  }
  return [...byId.values()];
}
