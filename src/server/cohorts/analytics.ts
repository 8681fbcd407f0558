// Cohort analytics: per exercise (attempts to pass, pass rate, median time, most common failing test),
// per certification component, the raw per-question marks that item analysis works on, and session
// feedback on the 1–5 scale the learners rated on.
import type { Db } from '../db/open.ts';
import { median, share } from '../../lib/stats.ts';
import type { ItemResponse } from '../../lib/item-analysis.ts';
import { RATING_QUESTIONS } from '../feedback/session-feedback.ts';
import { jsonList } from '../db/dialect.ts';

export interface ExerciseAnalytics {
  id: string;
  title: string;
  learnersAttempted: number;
  learnersPassed: number;
  passRate: number;
  medianAttemptsToPass: number | null;
  /** Median minutes from starting the exercise (first draft saved, or first submission if earlier) to the first pass. */
  medianMinutesToPass: number | null;
  commonFailingTest: { name: string; count: number } | null;
}

export async function exerciseAnalytics(db: Db, cohortId: string, exercises: readonly { id: string; title: string }[]): Promise<ExerciseAnalytics[]> {
  // One summary row per learner and exercise, with how often each test failed for them as
  // "<test id>:<count>,…" (migrations 009, 010); test names are looked up once at the end. Time to
  // pass runs from the learner's start on the exercise (migration 016: their first saved draft, or
  // their first submission when that came first), not from the first submission: counted from
  // there, everyone who passes at the first submission would take 0 minutes.
  interface Tally {
    attempted: number;
    tries: number[];
    minutes: number[];
    failing: Map<number, number>;
  }
  const newTally = (): Tally => ({ attempted: 0, tries: [], minutes: [], failing: new Map() });
  const byExercise = new Map<string, Tally>(exercises.map((e) => [e.id, newTally()]));
  const rows = await db.all<{ exerciseId: string; firstAt: number; passAt: number | null; tries: number | null; failing: string | null }>(
    `SELECT exercise_id AS "exerciseId", CASE WHEN started_at < first_at THEN started_at ELSE first_at END AS "firstAt", pass_at AS "passAt", tries_to_pass AS tries, failing FROM learner_exercises
     WHERE user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    cohortId,
  );
  for (const { exerciseId, firstAt, passAt, tries, failing } of rows) {
    const tally = byExercise.get(exerciseId);
    if (!tally) continue;
    tally.attempted++;
    if (passAt !== null) {
      tally.tries.push(tries ?? 0);
      tally.minutes.push((passAt - firstAt) / 60_000);
    }
    if (!failing) continue;
    for (const entry of failing.split(',')) {
      const colon = entry.indexOf(':');
      const testId = Number(entry.slice(0, colon));
      tally.failing.set(testId, (tally.failing.get(testId) ?? 0) + Number(entry.slice(colon + 1)));
    }
  }
  const testNames = new Map(
    (await db.all<{ id: number; name: string }>(`SELECT id, name FROM exercise_tests WHERE exercise_id IN ${jsonList(db)}`, JSON.stringify(exercises.map((e) => e.id)))).map((t) => [t.id, t.name]),
  );

  return exercises.map((ex) => {
    const tally = byExercise.get(ex.id) ?? newTally();
    let commonFailingTest: { name: string; count: number } | null = null;
    for (const [testId, count] of tally.failing) {
      const name = testNames.get(testId);
      if (name === undefined) continue;
      if (!commonFailingTest || count > commonFailingTest.count || (count === commonFailingTest.count && name < commonFailingTest.name)) commonFailingTest = { name, count };
    }
    return {
      id: ex.id,
      title: ex.title,
      learnersAttempted: tally.attempted,
      learnersPassed: tally.tries.length,
      passRate: share(tally.tries.length, tally.attempted),
      medianAttemptsToPass: median(tally.tries),
      medianMinutesToPass: median(tally.minutes),
      commonFailingTest,
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

export async function componentAnalytics(db: Db, cohortId: string, program: string, components: readonly { id: string; name: string }[]): Promise<ComponentAnalytics[]> {
  // Each scored attempt's component results from its report projection (migration 010).
  const rows = await db.all<{ components: string }>(
    `SELECT components FROM attempt_results
     WHERE program = ? AND user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    program,
    cohortId,
  );
  const totals = new Map<string, { sum: number; n: number; passed: number }>();
  for (const { components: json } of rows) {
    for (const [id, [score, passed]] of Object.entries(JSON.parse(json) as Record<string, [number, number]>)) {
      let t = totals.get(id);
      if (!t) totals.set(id, (t = { sum: 0, n: 0, passed: 0 }));
      t.sum += score;
      t.n++;
      if (passed) t.passed++;
    }
  }
  return components.map((c) => {
    const t = totals.get(c.id);
    return { id: c.id, name: c.name, attempts: t?.n ?? 0, averageScore: t ? t.sum / t.n : null, passRate: share(t?.passed ?? 0, t?.n ?? 0) };
  });
}

/** Per scored attempt: each drawn question's mark (0..1), for item analysis (from migration 010's projection). */
export async function questionMarks(db: Db, cohortId: string, program: string): Promise<ItemResponse[]> {
  const rows = await db.all<{ attemptId: string; marks: string }>(
    `SELECT attempt_id AS "attemptId", marks FROM attempt_results
     WHERE program = ? AND user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)`,
    program,
    cohortId,
  );
  const out: ItemResponse[] = [];
  for (const { attemptId, marks } of rows) {
    for (const [questionId, mark] of Object.entries(JSON.parse(marks) as Record<string, number | null>)) {
      if (mark !== null) out.push({ attemptId, questionId, mark });
    }
  }
  return out;
}

export interface FeedbackSummary {
  session: number;
  responses: number;
  /** Average rating per question id, on the 1–5 scale. */
  averages: Record<string, number>;
  /** The same averages in the form's order, with the question the learners were asked. */
  ratings: { id: string; label: string; average: number }[];
  comments: string[];
}

/** The scale session feedback is collected on (src/server/feedback/session-feedback.ts). */
export const RATING_SCALE = { min: 1, max: 5 } as const;

const FEEDBACK_COMMENTS_SHOWN = 50;

export async function feedbackSummary(db: Db, cohortId: string, program: string): Promise<FeedbackSummary[]> {
  // Identical rating sets are counted in SQL, so each distinct set is parsed once.
  const groups = await db.all<{ session: number; ratings: string; count: number }>(
    `SELECT f.session, f.ratings, COUNT(*) AS count FROM feedback f
     WHERE f.program = ? AND f.user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)
     GROUP BY f.session, f.ratings ORDER BY f.session`,
    program,
    cohortId,
  );
  const bySession = new Map<number, { sums: Record<string, number>; n: number; comments: string[] }>();
  for (const { session, ratings, count } of groups) {
    let entry = bySession.get(session);
    if (!entry) bySession.set(session, (entry = { sums: {}, n: 0, comments: [] }));
    for (const [k, v] of Object.entries(JSON.parse(ratings) as Record<string, number>)) entry.sums[k] = (entry.sums[k] ?? 0) + v * count;
    entry.n += count;
  }
  // The latest comments of each session, oldest first.
  const comments = await db.all<{ session: number; comment: string }>(
    `SELECT session, comment FROM (
       SELECT f.session, f.comment, f.created_at, ROW_NUMBER() OVER (PARTITION BY f.session ORDER BY f.created_at DESC, f.user_id DESC) AS recent
       FROM feedback f
       WHERE f.program = ? AND trim(f.comment) != '' AND f.user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)) ranked
     WHERE recent <= ${FEEDBACK_COMMENTS_SHOWN} ORDER BY session, recent DESC`,
    program,
    cohortId,
  );
  for (const { session, comment } of comments) bySession.get(session)?.comments.push(comment.trim());
  const labels = new Map<string, string>(RATING_QUESTIONS.map((q) => [q.id, q.label]));
  const order = (id: string) => {
    const i = RATING_QUESTIONS.findIndex((q) => q.id === id);
    return i < 0 ? RATING_QUESTIONS.length : i;
  };
  return [...bySession].map(([session, e]) => {
    const averages = Object.fromEntries(Object.entries(e.sums).map(([k, v]) => [k, v / e.n]));
    const ratings = Object.entries(averages)
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([id, average]) => ({ id, label: labels.get(id) ?? id.replace(/-/g, ' '), average }));
    return { session, responses: e.n, averages, ratings, comments: e.comments };
  });
}
