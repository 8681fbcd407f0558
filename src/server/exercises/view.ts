// What a learner's browser gets for one exercise (ExerciseView, lib/contracts/exercise-view.ts): the
// public files, the paths it may submit, its reference library, the learner's draft, their latest
// result (cut by feedback.ts) and what they may do next. Hidden tests, mutants, review keys and
// solutions never appear. Inside a certification attempt it also carries the attempt's clock and the
// task's remaining graded submissions.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { requireOwnAttempt, requireOpen } from '../assessment/attempts.ts';
import type { AttemptRow } from '../db/attempts.ts';
import { getDraft, hasViewedSolution } from '../db/drafts.ts';
import { listSubmissions, type Submission } from '../db/submissions.ts';
import { HttpError } from '../http.ts';
import { exerciseFiles, getExercise, getProgram, referenceLibrary, taskDefinition, taskVariantsOf } from '../content/catalog.ts';
import { taskVariant } from '../assessment/task-variant.ts';
import { exerciseUrls, type ExerciseView, type LearnerResult } from '../../lib/contracts/exercise-view.ts';
import { submittablePaths } from '../../lib/contracts/submission.ts';
import { isGradeResult } from '../../lib/grade-result.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { allowanceOf, submissionLimit } from './allowance.ts';
import { learnerResult } from './feedback.ts';
import { solutionAvailable } from './solution-policy.ts';

/** The exercise of that id from the catalogue, or 404. */
export async function loadExerciseDefinition(exerciseId: string): Promise<Exercise> {
  const exercise = await getExercise(exerciseId);
  if (!exercise) throw new HttpError(404, 'not_found', `No exercise "${exerciseId}".`);
  return exercise;
}

/**
 * An exercise as one learner opens it. Inside an attempt, a task with variants is the variant the
 * attempt holds: `exercise` is that variant's definition (its own file paths) and `variant` names it
 * for the files and the grader (catalog.ts exerciseFiles, gradingExercise).
 */
export interface OpenedExercise<A extends AttemptRow | null = AttemptRow | null> {
  exercise: Exercise;
  attempt: A;
  variant: string | null;
}

/**
 * Who may open an exercise: practice exercises are public to read; certification tasks only inside
 * an open attempt of the signed-in learner whose paper contains the task.
 */
export async function openExercise(app: App, exerciseId: string, user: SessionUser | null, attemptId: string): Promise<OpenedExercise<AttemptRow>>;
export async function openExercise(app: App, exerciseId: string, user: SessionUser | null, attemptId: string | null): Promise<OpenedExercise>;
export async function openExercise(app: App, exerciseId: string, user: SessionUser | null, attemptId: string | null): Promise<OpenedExercise> {
  const exercise = await loadExerciseDefinition(exerciseId);
  if (attemptId !== null) {
    if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to work on your certification attempt.');
    const attempt = await requireOwnAttempt(app.db, user.id, attemptId);
    const task = attempt.paper.tasks.find((t) => t.exerciseId === exerciseId);
    if (!task) throw new HttpError(404, 'not_found', 'That task is not part of this attempt.');
    requireOpen(attempt, Date.now());
    const variant = taskVariant(task, (await taskVariantsOf(exerciseId))?.map((v) => v.id));
    return { exercise: taskDefinition(app.config.projectRoot, exercise, variant), attempt, variant };
  }
  if (exercise.certification) {
    throw new HttpError(403, 'certification_task', 'This is a certification task: open it from your certification attempt.');
  }
  return { exercise, attempt: null, variant: null };
}

export async function requireExerciseAccess(app: App, exerciseId: string, user: SessionUser | null, attemptId: string | null): Promise<Exercise> {
  return (await openExercise(app, exerciseId, user, attemptId)).exercise;
}

/** The newest graded result, as its learner may see it. */
export function latestResult(exercise: Exercise, submissions: readonly Submission[], opts: { inAttempt: boolean; solutionUnlocked: boolean }): LearnerResult | null {
  const done = submissions.find((s) => s.status !== 'queued');
  if (!done || !isGradeResult(done.result)) return null;
  return learnerResult(done.result, {
    kind: exercise.kind,
    certification: exercise.certification || opts.inAttempt,
    solutionUnlocked: opts.solutionUnlocked,
    files: done.files,
  });
}

export async function getExerciseView(app: App, exerciseId: string, user: SessionUser | null, attemptId: string | null = null): Promise<ExerciseView> {
  const { exercise, attempt, variant } = await openExercise(app, exerciseId, user, attemptId);
  const root = app.config.projectRoot;
  const files = exerciseFiles(root, exercise, variant);
  const submissions = user ? await listSubmissions(app.db, user.id, exerciseId, 50, attemptId) : [];
  const draft = user ? await getDraft(app.db, user.id, draftKey(exerciseId, attemptId)) : null;
  const viewed = user ? await hasViewedSolution(app.db, user.id, exerciseId) : false;
  const canSeeSolution = user !== null && attempt === null && solutionAvailable(exercise, submissions, viewed);
  const now = Date.now();
  const review =
    exercise.kind === 'review'
      ? { files: files.editable.concat(files.readonly).filter((f) => exercise.reviewFiles.includes(f.path)), categories: exercise.categories, maxFindings: exercise.maxFindings }
      : undefined;
  const urls = exerciseUrls(exercise.id, attemptId);
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
    submittable: submittablePaths(exercise),
    reference: referenceLibrary(root, await getProgram(exercise.program)).source,
    draft: draft ? { files: draft.files, updatedAt: new Date(draft.updatedAt).toISOString() } : null,
    lastResult: latestResult(exercise, submissions, { inAttempt: attempt !== null, solutionUnlocked: canSeeSolution }),
    passed: submissions.some((s) => s.status === 'pass'),
    solutionAvailable: canSeeSolution,
    submitUrl: urls.submit,
    runUrl: exerciseUrls(exercise.id, null).run,
    attemptId,
    attempt: attempt
      ? {
          id: attempt.id,
          expiresAt: new Date(attempt.expiresAt).toISOString(),
          serverNow: new Date(now).toISOString(),
          submissions: await allowanceOf(app.db, attempt.id, exerciseId, await submissionLimit(attempt)),
        }
      : null,
  };
}

/** Drafts inside an attempt are kept apart from practice drafts of the same exercise. */
export function draftKey(exerciseId: string, attemptId: string | null): string {
  return attemptId ? `${exerciseId}@${attemptId}` : exerciseId;
}
