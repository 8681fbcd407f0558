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
  // One summary row per learner and exercise (kept by triggers, migration 009).
  interface Pair {
    firstAt: number;
    passAt: number | null;
    tries: number;
  }
  const byExercise = new Map<string, Pair[]>(exercises.map((e) => [e.id, []]));
  const pairs = db
    .prepare(
      `SELECT exercise_id, first_at, pass_at, tries_to_pass FROM learner_exercises
       WHERE user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    )
    .raw()
    .iterate(cohortId) as IterableIterator<[string, number, number | null, number | null]>;
  for (const [exerciseId, firstAt, passAt, tries] of pairs) byExercise.get(exerciseId)?.push({ firstAt, passAt, tries: tries ?? 0 });

  // Most common failing test per exercise, counted from each failed submission's stored list.
  const counts = new Map<string, Map<string, number>>();
  const failures = db
    .prepare(
      `SELECT s.exercise_id, s.failed_tests FROM submissions s
       WHERE s.attempt_id IS NULL AND s.status = 'fail' AND s.user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    )
    .raw()
    .iterate(cohortId) as IterableIterator<[string, string | null]>;
  for (const [exerciseId, failed] of failures) {
    if (!failed) continue;
    let names = counts.get(exerciseId);
    if (!names) counts.set(exerciseId, (names = new Map()));
    for (const name of JSON.parse(failed) as string[]) names.set(name, (names.get(name) ?? 0) + 1);
  }
  const topFailing = new Map<string, { name: string; count: number }>();
  for (const [exerciseId, names] of counts) {
    let best: { name: string; count: number } | null = null;
    for (const [name, count] of names) if (!best || count > best.count || (count === best.count && name < best.name)) best = { name, count };
    if (best) topFailing.set(exerciseId, best);
  }

  return exercises.map((ex) => {
    const mine = byExercise.get(ex.id) ?? [];
    const passed = mine.filter((r) => r.passAt !== null);
    return {
      id: ex.id,
      title: ex.title,
      learnersAttempted: mine.length,
      learnersPassed: passed.length,
      passRate: share(passed.length, mine.length),
      medianAttemptsToPass: median(passed.map((r) => r.tries)),
      medianMinutesToPass: median(passed.map((r) => ((r.passAt ?? 0) - r.firstAt) / 60_000)),
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
  // Only the components part of each stored breakdown, summed here rather than with json_each + GROUP BY.
  const rows = db
    .prepare(
      `SELECT json_extract(a.breakdown, '$.components') FROM attempts a
       WHERE a.program = ? AND a.status = 'submitted' AND a.user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    )
    .raw()
    .iterate(program, cohortId) as IterableIterator<[string | null]>;
  const totals = new Map<string, { sum: number; n: number; passed: number }>();
  for (const [json] of rows) {
    if (!json) continue;
    for (const c of JSON.parse(json) as { id: string; score: number; passed: boolean }[]) {
      const t = totals.get(c.id) ?? { sum: 0, n: 0, passed: 0 };
      t.sum += c.score;
      t.n++;
      if (c.passed) t.passed++;
      totals.set(c.id, t);
    }
  }
  return components.map((c) => {
    const t = totals.get(c.id);
    return { id: c.id, name: c.name, attempts: t?.n ?? 0, averageScore: t ? t.sum / t.n : null, passRate: share(t?.passed ?? 0, t?.n ?? 0) };
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
