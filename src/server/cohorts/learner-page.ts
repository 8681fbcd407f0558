// The instructor's drill-down into one learner of a cohort: every certification attempt with its
// component results, the solutions they opened, and the latest submissions with their tests and code.
// Exercises are named by title, as the instructor knows them.
import { coverageOf, type CoverageReport } from '../../lib/grade-result.ts';
import { allExercises } from '../content/catalog.ts';
import { findAssessmentContent } from '../assessment/content.ts';
import { requireRole, type SessionUser } from '../auth/roles.ts';
import { listAttempts } from '../db/attempts.ts';
import type { Cohort } from '../db/cohorts.ts';
import { solutionViewsOf } from '../db/drafts.ts';
import type { Db } from '../db/open.ts';
import { recentSubmissionsOf, type SubmissionStatus } from '../db/submissions.ts';
import type { User } from '../db/users.ts';
import type { ComponentResult } from '../../lib/contracts/attempt-breakdown.ts';
import { requireCohortAccess, requireCohortLearner } from './access.ts';
import { heldVariants } from '../assessment/task-variant-labels.ts';

/** Submissions the page lists, newest first. */
export const SUBMISSIONS_SHOWN = 200;

export interface LearnerAttempt {
  id: string;
  startedAt: number;
  status: 'open' | 'submitted';
  passed: boolean | null;
  level: string | null;
  /** The level's name from certification.json (its id if the level is gone). */
  levelName: string | null;
  score: number | null;
  /** Null until scored. */
  components: ComponentResult[] | null;
  /** The variant of each task the attempt held, by component id (tasks with variants only). */
  taskVariants: Record<string, string>;
}

export interface LearnerTest {
  name: string;
  status: string;
  message?: string;
}

export interface LearnerSubmission {
  id: string;
  exerciseId: string;
  exerciseTitle: string;
  status: SubmissionStatus;
  score: number | null;
  createdAt: number;
  /** Made inside a certification attempt. */
  certification: boolean;
  /** Inside an attempt, a task with variants: the variant it was written against. */
  variant: string | null;
  tests: LearnerTest[];
  /** Projects with a coverage requirement: what the learner's own tests covered, per file. */
  coverage: CoverageReport | null;
  files: { path: string; code: string }[];
}

export interface LearnerPage {
  cohort: Pick<Cohort, 'id' | 'name'>;
  learner: User;
  /** Newest first. */
  attempts: LearnerAttempt[];
  /** Solutions the learner opened with "show solution" (they are told their instructor sees this), first first. */
  solutionViews: { exerciseId: string; exerciseTitle: string; viewedAt: number }[];
  submissions: LearnerSubmission[];
}

/** The tests of a stored grade result, whatever its version (rows from older graders included). */
function testsOf(result: unknown): LearnerTest[] {
  const tests = (result as { tests?: unknown } | null)?.tests;
  if (!Array.isArray(tests)) return [];
  return tests.flatMap((t: unknown) => {
    const { name, status, message } = (t ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof status !== 'string') return [];
    return [typeof message === 'string' && message !== '' ? { name, status, message } : { name, status }];
  });
}

export async function learnerPage(db: Db, viewer: SessionUser | null, cohortId: string, learnerId: string): Promise<LearnerPage> {
  const user = requireRole(viewer, 'instructor', 'admin');
  const cohort = await requireCohortAccess(db, cohortId, user);
  const learner = await requireCohortLearner(db, cohort, learnerId);
  const titles = new Map((await allExercises()).map((e) => [e.id, e.title]));
  const title = (id: string) => titles.get(id) ?? id;
  const levels = (await findAssessmentContent(cohort.program))?.certification.levels ?? [];
  const levelName = (id: string | null) => (id === null ? null : (levels.find((l) => l.id === id)?.name ?? id));
  const attemptRows = (await listAttempts(db, learner.id, cohort.program)).reverse();
  const held = new Map(await Promise.all(attemptRows.map(async (a) => [a.id, await heldVariants(a.paper)] as const)));
  const variantOf = (attemptId: string | null, exerciseId: string): string | null =>
    attemptId === null ? null : ([...(held.get(attemptId)?.values() ?? [])].find((v) => v.exerciseId === exerciseId)?.label ?? null);
  return {
    cohort: { id: cohort.id, name: cohort.name },
    learner,
    attempts: attemptRows.map((a) => ({
      id: a.id,
      startedAt: a.startedAt,
      status: a.status,
      passed: a.passed,
      level: a.level,
      levelName: levelName(a.level),
      score: a.score,
      components: a.breakdown?.components ?? null,
      taskVariants: Object.fromEntries([...(held.get(a.id) ?? [])].map(([component, v]) => [component, v.label])),
    })),
    solutionViews: (await solutionViewsOf(db, learner.id)).map((v) => ({ ...v, exerciseTitle: title(v.exerciseId) })),
    submissions: (await recentSubmissionsOf(db, learner.id, SUBMISSIONS_SHOWN)).map((s) => ({
      id: s.id,
      exerciseId: s.exerciseId,
      exerciseTitle: title(s.exerciseId),
      status: s.status,
      score: s.score,
      createdAt: s.createdAt,
      certification: s.attemptId !== null,
      variant: variantOf(s.attemptId, s.exerciseId),
      tests: testsOf(s.result),
      coverage: (typeof s.result === 'object' && s.result !== null ? coverageOf(s.result) : undefined) ?? null,
      files: Object.entries(s.files).map(([path, code]) => ({ path, code })),
    })),
  };
}
