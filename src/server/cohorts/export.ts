// CSV files an instructor downloads: the learner table and per-attempt certification results (each
// component's score, the variant each task with variants held as `variant_<component id>`, and each of
// the program's skill areas, in program.json's order, as `skill_<area id>`).
import type { Db } from '../db/open.ts';
import { toCsv } from '../../lib/csv.ts';
import { readAttemptBreakdown } from '../../lib/contracts/attempt-breakdown.ts';
import type { CohortReport } from './report.ts';
import type { StoredPaper } from '../../lib/contracts/attempt-paper.ts';
import { taskVariant } from '../assessment/task-variant.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { cohortProgramFeedback } from '../db/program-feedback.ts';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function learnerCsv(report: CohortReport): string {
  return toCsv(
    ['name', 'email', 'lessons_done', 'lessons_total', 'exercises_passed', 'exercises_total', 'progress', 'last_active_utc', 'certification', 'level', 'best_score', 'attempts', 'at_risk', 'solutions_viewed'],
    report.learners.map((l) => [
      l.name,
      l.email,
      l.lessonsDone,
      l.lessonsTotal,
      l.exercisesPassed,
      l.exercisesTotal,
      Number(l.progress.toFixed(4)),
      iso(l.lastActiveAt),
      l.certification,
      l.level ?? '',
      l.bestScore === null ? '' : Number(l.bestScore.toFixed(4)),
      l.attempts,
      l.atRisk.join('; '),
      l.solutionsViewed.join('; '),
    ]),
  );
}

export async function resultsCsv(db: Db, report: CohortReport, taskVariants: ReadonlyMap<string, readonly string[]> = new Map()): Promise<string> {
  const rows = await db.all(`SELECT u.name, CASE WHEN u.deleted_at IS NULL THEN u.email ELSE '' END AS email, a.id, a.started_at, a.submitted_at, a.score, a.passed, a.level, a.breakdown, a.paper
       FROM attempts a JOIN cohort_members m ON m.user_id = a.user_id AND m.cohort_id = ? JOIN users u ON u.id = a.user_id
       WHERE a.status = 'submitted' AND a.program = ? ORDER BY u.name COLLATE NOCASE, a.started_at`, report.cohort.id, report.cohort.program) as {
    name: string;
    email: string;
    id: string;
    started_at: number;
    submitted_at: number;
    score: number;
    passed: number;
    level: string | null;
    breakdown: string | null;
    paper: string;
  }[];
  const breakdowns = new Map(rows.map((r) => [r.id, r.breakdown ? readAttemptBreakdown(r.breakdown) : null]));
  const componentIds = [...new Set([...breakdowns.values()].flatMap((b) => b?.components.map((c) => c.id) ?? []))];
  const areaIds = report.competency.map((c) => c.skill);
  // Which variant of each task the attempt held (tasks with variants; an attempt from before them held the first).
  const papers = new Map(rows.map((r) => [r.id, (JSON.parse(r.paper) as StoredPaper).tasks]));
  const variantIds = (exerciseId: string) => taskVariants.get(exerciseId);
  const variantComponents = [...new Set([...papers.values()].flatMap((tasks) => tasks.filter((t) => variantIds(t.exerciseId)).map((t) => t.componentId)))];
  return toCsv(
    [
      'name',
      'email',
      'attempt',
      'started_utc',
      'submitted_utc',
      'score',
      'passed',
      'level',
      ...componentIds.map((c) => `component_${c}`),
      ...variantComponents.map((c) => `variant_${c}`),
      ...areaIds.map((a) => `skill_${a}`),
    ],
    rows.map((r) => {
      const tasks = papers.get(r.id) ?? [];
      const components = breakdowns.get(r.id)?.components ?? [];
      const skills = breakdowns.get(r.id)?.skills ?? [];
      return [
        r.name,
        r.email,
        r.id,
        iso(r.started_at),
        iso(r.submitted_at),
        Number(r.score.toFixed(4)),
        r.passed ? 'yes' : 'no',
        r.level ?? '',
        ...componentIds.map((c) => {
          const found = components.find((x) => x.id === c);
          return found ? Number(found.score.toFixed(4)) : '';
        }),
        ...variantComponents.map((c) => {
          const task = tasks.find((t) => t.componentId === c);
          return task ? (taskVariant(task, variantIds(task.exerciseId)) ?? '') : '';
        }),
        // An area the attempt has no evidence for (an exam without a task or question in it) stays empty.
        ...areaIds.map((a) => {
          const found = skills.find((x) => x.skill === a);
          return found ? Number(found.score.toFixed(4)) : '';
        }),
      ];
    }),
  );
}

/** The report's KPIs, one per row, with the value and target as shares and whether the target is met. */
export function kpiCsv(report: CohortReport): string {
  return toCsv(
    ['kpi', 'label', 'value', 'target', 'met', 'detail'],
    report.kpis.map((k) => [k.id, k.label, k.value === null ? '' : Number(k.value.toFixed(4)), k.target ?? '', k.met === null ? '' : k.met ? 'yes' : 'no', k.detail]),
  );
}

/** Every end-of-program form of the cohort's learners, without names: each rating and open answer in the form's order. */
export async function programFeedbackCsv(db: Db, report: CohortReport, program: Program): Promise<string> {
  const form = program.programFeedback;
  const ratings = form?.ratings ?? [];
  const questions = form?.questions ?? [];
  return toCsv(
    ['submitted_utc', 'updated_utc', ...ratings.map((q) => `rating_${q.id}`), ...questions.map((q) => `answer_${q.id}`)],
    (await cohortProgramFeedback(db, report.cohort.id, program.id)).map((e) => [
      iso(e.createdAt),
      iso(e.updatedAt),
      ...ratings.map((q) => e.ratings[q.id] ?? ''),
      ...questions.map((q) => e.answers[q.id] ?? ''),
    ]),
  );
}
