// Cohort analytics: per exercise (attempts to pass, pass rate, median time, most common failing test),
// per certification component, and the raw per-question marks that item analysis works on.
import type { Db } from '../db/open.ts';
import { median, share } from '../../lib/stats.ts';

export interface ExerciseAnalytics {
  id: string;
  title: string;
  learnersAttempted: number;
  learnersPassed: number;
  passRate: number;
  medianAttemptsToPass: number | null;
  medianMinutesToPass: number | null;
  commonFailingTest: { name: string; count: number } | null;
}

export function exerciseAnalytics(db: Db, cohortId: string, exercises: readonly { id: string; title: string }[]): ExerciseAnalytics[] {
  // One pass over the cohort's practice submissions (covering index), folded per learner and exercise.
  const submissions = db
    .prepare(
      `SELECT s.user_id, s.exercise_id, s.status, s.created_at FROM cohort_members m
       JOIN submissions s ON s.user_id = m.user_id AND s.attempt_id IS NULL
       WHERE m.cohort_id = ? AND s.status != 'queued'`,
    )
    .raw()
    .all(cohortId) as [string, string, string, number][];
  const per = new Map<string, { exercise: string; firstAt: number; passAt: number | null; times: number[] }>();
  for (const [userId, exerciseId, status, at] of submissions) {
    const key = `${userId}\u001f${exerciseId}`;
    let entry = per.get(key);
    if (!entry) {
      entry = { exercise: exerciseId, firstAt: at, passAt: null, times: [] };
      per.set(key, entry);
    }
    entry.firstAt = Math.min(entry.firstAt, at);
    if (status === 'pass' && (entry.passAt === null || at < entry.passAt)) entry.passAt = at;
    entry.times.push(at);
  }
  // [exercise, first submission, first pass, submissions up to and including the first pass]
  const rows: [string, number, number | null, number | null][] = [...per.values()].map((e) => [
    e.exercise,
    e.firstAt,
    e.passAt,
    e.passAt === null ? null : e.times.filter((t) => t <= (e.passAt ?? 0)).length,
  ]);
  const failing = db
    .prepare(
      `SELECT s.exercise_id, f.value AS name, COUNT(*) AS n
       FROM submissions s JOIN cohort_members m ON m.user_id = s.user_id AND m.cohort_id = ?, json_each(s.failed_tests) f
       WHERE s.attempt_id IS NULL AND s.status = 'fail'
       GROUP BY s.exercise_id, f.value ORDER BY n DESC`,
    )
    .all(cohortId) as { exercise_id: string; name: string; n: number }[];
  const topFailing = new Map<string, { name: string; count: number }>();
  for (const f of failing) if (!topFailing.has(f.exercise_id)) topFailing.set(f.exercise_id, { name: f.name, count: f.n });

  return exercises.map((ex) => {
    const mine = rows.filter((r) => r[0] === ex.id);
    const passed = mine.filter((r) => r[2] !== null);
    return {
      id: ex.id,
      title: ex.title,
      learnersAttempted: mine.length,
      learnersPassed: passed.length,
      passRate: share(passed.length, mine.length),
      medianAttemptsToPass: median(passed.map((r) => r[3] ?? 0)),
      medianMinutesToPass: median(passed.map((r) => ((r[2] ?? 0) - r[1]) / 60_000)),
      commonFailingTest: topFailing.get(ex.id) ?? null,
    };
  });
}

export interface ComponentAnalytics {
  id: string;
  name: string;
  attempts: number;
  averageScore: number | null;
  passRate: number;
}

export function componentAnalytics(db: Db, cohortId: string, program: string, components: readonly { id: string; name: string }[]): ComponentAnalytics[] {
  const rows = db
    .prepare(
      `SELECT json_extract(c.value, '$.id') AS component, AVG(json_extract(c.value, '$.score')) AS avg, COUNT(*) AS n,
              SUM(CASE WHEN json_extract(c.value, '$.passed') THEN 1 ELSE 0 END) AS passed
       FROM attempts a JOIN cohort_members m ON m.user_id = a.user_id AND m.cohort_id = ?,
            json_each(a.breakdown, '$.components') c
       WHERE a.program = ? AND a.status = 'submitted' GROUP BY 1`,
    )
    .all(cohortId, program) as { component: string; avg: number; n: number; passed: number }[];
  return components.map((c) => {
    const row = rows.find((r) => r.component === c.id);
    return { id: c.id, name: c.name, attempts: row?.n ?? 0, averageScore: row ? row.avg : null, passRate: share(row?.passed ?? 0, row?.n ?? 0) };
  });
}

/** Per submitted attempt: each drawn question's mark (0..1) and the attempt's quiz total, for item analysis. */
export function questionMarks(db: Db, cohortId: string, program: string): { attemptId: string; questionId: string; mark: number }[] {
  return db
    .prepare(
      `SELECT q.attempt_id AS attemptId, q.question_id AS questionId, q.mark AS mark
       FROM attempt_questions q JOIN attempts a ON a.id = q.attempt_id
       JOIN cohort_members m ON m.user_id = a.user_id AND m.cohort_id = ?
       WHERE a.program = ? AND a.status = 'submitted' AND q.mark IS NOT NULL`,
    )
    .all(cohortId, program) as { attemptId: string; questionId: string; mark: number }[];
}

export interface FeedbackSummary {
  session: number;
  responses: number;
  averages: Record<string, number>;
  comments: string[];
}

export function feedbackSummary(db: Db, cohortId: string, program: string): FeedbackSummary[] {
  const rows = db
    .prepare(
      `SELECT f.session, f.ratings, f.comment FROM feedback f JOIN cohort_members m ON m.user_id = f.user_id AND m.cohort_id = ?
       WHERE f.program = ? ORDER BY f.session, f.created_at`,
    )
    .all(cohortId, program) as { session: number; ratings: string; comment: string }[];
  const bySession = new Map<number, { sums: Record<string, number>; n: number; comments: string[] }>();
  for (const r of rows) {
    const entry = bySession.get(r.session) ?? { sums: {}, n: 0, comments: [] };
    for (const [k, v] of Object.entries(JSON.parse(r.ratings) as Record<string, number>)) entry.sums[k] = (entry.sums[k] ?? 0) + v;
    entry.n++;
    if (r.comment.trim()) entry.comments.push(r.comment.trim());
    bySession.set(r.session, entry);
  }
  return [...bySession].map(([session, e]) => ({
    session,
    responses: e.n,
    averages: Object.fromEntries(Object.entries(e.sums).map(([k, v]) => [k, v / e.n])),
    comments: e.comments.slice(-50),
  }));
}
