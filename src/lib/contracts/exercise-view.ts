// One exercise as a learner's browser receives it: GET /api/exercises/<id>, and the same view the
// exercise page embeds for src/client/workspace/. The server builds it (server/exercises/view.ts)
// and cuts every result in it (server/exercises/feedback.ts); the browser reads it. Also every
// address of an exercise, so no one writes them by hand. Hidden tests, mutants, review keys and
// solutions are never part of it. Pure types and string helpers: the browser imports this module.
import type { GradeResult } from '../grade-result.ts';
import type { Exercise } from '../schemas/exercise.ts';

export interface FileText {
  path: string;
  content: string;
}

/**
 * The reference library an exercise's code imports (its program's, or the platform's): the editor
 * types imports of `specifier` with these files, and the browser runner aliases it to `entry`.
 */
export interface ReferenceLibrarySource {
  /** The bare specifier, e.g. "@practicum/reference". */
  specifier: string;
  /** The entry module, relative to the library's folder (the paths of `files`). */
  entry: string;
  /** Its modules (tests excluded), relative to the library's folder. */
  files: FileText[];
}

/** Graded submissions a certification task allows in one attempt (certification.json attempts.submissionsPerTask). */
export interface SubmissionAllowance {
  limit: number;
  used: number;
  remaining: number;
}

/** A certification task as its page needs it: the attempt's clock (server time) and the task's allowance. */
export interface AttemptTaskView {
  id: string;
  expiresAt: string;
  serverNow: string;
  submissions: SubmissionAllowance;
}

/** How much of the grader's result a learner sees (server/exercises/feedback.ts decides). */
export type Disclosure = 'full' | 'requirements' | 'own-findings';

export interface ReviewSummary {
  /** Findings the learner submitted. */
  findings: number;
  /** Of those, how many match a defect in the answer key. */
  matched: number;
  precision: number;
  recall: number;
}

/** A GradeResult cut to what its learner may see, saying how it was cut. */
export interface LearnerResult extends GradeResult {
  disclosure: Disclosure;
  review?: ReviewSummary;
}

/** A result as the browser shows it: a graded LearnerResult, or a "Run tests" result (visible tests are public, so no disclosure). */
export type ShownResult = Omit<LearnerResult, 'disclosure'> & { disclosure?: Disclosure };

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
  review?: { files: FileText[]; categories: string[]; maxFindings: number };
  /** The paths a submission or a draft may hold (lib/contracts/submission.ts submittablePaths). */
  submittable: readonly string[];
  reference: ReferenceLibrarySource;
  draft: { files: Record<string, string>; updatedAt: string } | null;
  lastResult: LearnerResult | null;
  passed: boolean;
  solutionAvailable: boolean;
  /** exerciseUrls(id, attemptId).submit */
  submitUrl: string;
  /** exerciseUrls(id, null).run: "Run tests" inside an attempt adds ?attempt= (exerciseUrls(id, attemptId).run). */
  runUrl: string;
  attemptId: string | null;
  attempt: AttemptTaskView | null;
}

export interface ExerciseUrls {
  /** The exercise page. */
  page: string;
  /** GET: the ExerciseView. */
  view: string;
  /** POST: a graded submission (inside an attempt: the attempt's task route). */
  submit: string;
  /** POST: "Run tests" on the server, visible tests only. */
  run: string;
  /** GET/PUT: the learner's server-side draft (attempt drafts are kept apart). */
  draft: string;
  /** POST: "Show solution" (practice only). */
  solution: string;
}

function withAttempt(url: string, attemptId: string | null): string {
  return attemptId ? `${url}?attempt=${encodeURIComponent(attemptId)}` : url;
}

/** Every address of one exercise, for practice (attemptId null) or as a task of a certification attempt. */
export function exerciseUrls(id: string, attemptId: string | null): ExerciseUrls {
  const api = `/api/exercises/${encodeURIComponent(id)}`;
  return {
    page: withAttempt(`/exercises/${encodeURIComponent(id)}`, attemptId),
    view: withAttempt(api, attemptId),
    submit: attemptId ? `/api/certifications/attempts/${encodeURIComponent(attemptId)}/tasks/${encodeURIComponent(id)}` : `${api}/submissions`,
    run: withAttempt(`${api}/runs`, attemptId),
    draft: withAttempt(`${api}/draft`, attemptId),
    solution: `${api}/solution`,
  };
}
