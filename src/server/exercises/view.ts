// What a learner's browser gets for one exercise: the public files, their draft, their latest
// result and what they may do next. Hidden tests, mutants, review keys and solutions never appear.
import { getEntry } from 'astro:content';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { requireOwnAttempt, requireOpen } from '../assessment/attempts.ts';
import { getDraft, hasViewedSolution } from '../db/drafts.ts';
import { listSubmissions, type Submission } from '../db/submissions.ts';
import { HttpError } from '../http.ts';
import { isGradeResult, type GradeResult } from '../../lib/grade-result.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { publicExerciseFiles, referenceFiles, type FileText } from './files.ts';

/** Failed practice submissions after which "show solution" becomes available. */
export const SOLUTION_AFTER_FAILURES = 3;

export interface ExerciseView {
  id: string;
  program: string;
  title: string;
  summary: string;
  kind: Exercise['kind'];
  session: number;
  module: string;
  skill: string;
  difficulty: Exercise['difficulty'];
  estimateMinutes: number;
  certification: boolean;
  instructionsHtml: string;
  editable: FileText[];
  readonly: FileText[];
  visibleTests: FileText[];
  review?: { files: FileText[]; categories: string[] };
  reference: FileText[];
  draft: { files: Record<string, string>; updatedAt: string } | null;
  lastResult: GradeResult | null;
  passed: boolean;
  solutionAvailable: boolean;
  submitUrl: string;
  runUrl: string;
  attemptId: string | null;
}

export async function loadExerciseDefinition(exerciseId: string): Promise<Exercise> {
  const entry = /^[a-z0-9-]{1,80}$/.test(exerciseId) ? await getEntry('exercises', exerciseId) : undefined;
  if (!entry) throw new HttpError(404, 'not_found', `No exercise "${exerciseId}".`);
  return entry.data;
}

/**
 * Who may open an exercise: practice exercises are public to read; certification tasks only inside
 * an open attempt of the signed-in learner whose paper contains the task.
 */
export async function requireExerciseAccess(app: App, exerciseId: string, user: SessionUser | null, attemptId: string | null): Promise<Exercise> {
  const exercise = await loadExerciseDefinition(exerciseId);
  if (attemptId !== null) {
    if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to work on your certification attempt.');
    const attempt = requireOwnAttempt(app.db, user.id, attemptId);
    if (!attempt.paper.tasks.some((t) => t.exerciseId === exerciseId)) {
      throw new HttpError(404, 'not_found', 'That task is not part of this attempt.');
    }
    requireOpen(attempt, Date.now());
  } else if (exercise.certification) {
    throw new HttpError(403, 'certification_task', 'This is a certification task: open it from your certification attempt.');
  }
  return exercise;
}

export function latestResult(submissions: readonly Submission[]): GradeResult | null {
  const done = submissions.find((s) => s.status !== 'queued');
  return done && isGradeResult(done.result) ? done.result : null;
}

export function solutionAvailable(exercise: Exercise, submissions: readonly Submission[], viewed: boolean): boolean {
  if (exercise.certification) return false;
  if (viewed) return true;
  const passed = submissions.some((s) => s.status === 'pass');
  const failures = submissions.filter((s) => s.status === 'fail' || s.status === 'error').length;
  return passed || failures >= SOLUTION_AFTER_FAILURES;
}

export async function getExerciseView(app: App, exerciseId: string, user: SessionUser | null, attemptId: string | null = null): Promise<ExerciseView> {
  const exercise = await requireExerciseAccess(app, exerciseId, user, attemptId);
  const root = app.config.projectRoot;
  const files = publicExerciseFiles(root, exercise);
  const submissions = user ? listSubmissions(app.db, user.id, exerciseId, 50, attemptId) : [];
  const draft = user ? getDraft(app.db, user.id, draftKey(exerciseId, attemptId)) : null;
  const viewed = user ? hasViewedSolution(app.db, user.id, exerciseId) : false;
  const review =
    exercise.kind === 'review'
      ? { files: files.editable.concat(files.readonly).filter((f) => exercise.reviewFiles.includes(f.path)), categories: exercise.categories }
      : undefined;
  const base = `/api/exercises/${exerciseId}`;
  return {
    id: exercise.id,
    program: exercise.program,
    title: exercise.title,
    summary: exercise.summary,
    kind: exercise.kind,
    session: exercise.session,
    module: exercise.module,
    skill: exercise.skill,
    difficulty: exercise.difficulty,
    estimateMinutes: exercise.estimateMinutes,
    certification: exercise.certification,
    instructionsHtml: files.instructionsHtml,
    editable: files.editable,
    readonly: files.readonly,
    visibleTests: files.visibleTests,
    ...(review ? { review } : {}),
    reference: referenceFiles(root),
    draft: draft ? { files: draft.files, updatedAt: new Date(draft.updatedAt).toISOString() } : null,
    lastResult: latestResult(submissions),
    passed: submissions.some((s) => s.status === 'pass'),
    solutionAvailable: user ? solutionAvailable(exercise, submissions, viewed) : false,
    submitUrl: attemptId ? `/api/certifications/attempts/${attemptId}/tasks/${exerciseId}` : `${base}/submissions`,
    runUrl: `${base}/runs`,
    attemptId,
  };
}

/** Drafts inside an attempt are kept apart from practice drafts of the same exercise. */
export function draftKey(exerciseId: string, attemptId: string | null): string {
  return attemptId ? `${exerciseId}@${attemptId}` : exerciseId;
}
