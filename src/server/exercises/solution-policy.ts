// When "show solution" opens for a practice exercise: after a pass, or after enough real tries. A try
// is real when the learner changed something from the starter as shipped (decided on the server when
// the submission is stored) and the hidden tests ran and failed (an error, where nothing ran, is not
// a try). Submitting the starter three times must not hand out the solution.
import { isGradeResult } from '../../lib/grade-result.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import type { Submission } from '../db/submissions.ts';
import { REVIEW_FINDINGS_FILE } from '../../lib/contracts/submission.ts';
import { submittedFindings } from './feedback.ts';
import type { FileText } from '../../lib/contracts/exercise-view.ts';

/** Real failed tries (see countsAsTry) after which "show solution" becomes available. */
export const SOLUTION_AFTER_FAILURES = 3;

/** Line endings and trailing spaces are not a change (editors and platforms differ on them). */
function normalised(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trimEnd();
}

/**
 * Whether a submission changed something: for a review, it lists at least one finding; otherwise an
 * editable file differs from the starter as shipped (a file the starter lacks counts when not empty).
 */
export function changedFromStarter(exercise: Pick<Exercise, 'kind' | 'editable'>, starterEditable: readonly FileText[], files: Readonly<Record<string, string>>): boolean {
  if (exercise.kind === 'review') return files[REVIEW_FINDINGS_FILE] !== undefined && submittedFindings(files).length > 0;
  const starter = new Map(starterEditable.map((f) => [f.path, normalised(f.content)]));
  return Object.entries(files).some(([path, text]) => exercise.editable.includes(path) && normalised(text) !== (starter.get(path) ?? ''));
}

/** A failed submission that counts towards the solution: changed, and at least one hidden test ran. */
export function countsAsTry(submission: Submission): boolean {
  return submission.changed === true && submission.status === 'fail' && isGradeResult(submission.result) && submission.result.executed > 0;
}

export function solutionAvailable(exercise: Pick<Exercise, 'certification' | 'homework'>, submissions: readonly Submission[], viewed: boolean): boolean {
  // Homework is the learner's own entity, reviewed by their instructor: there is no solution to show.
  if (exercise.certification || exercise.homework) return false;
  if (viewed) return true;
  if (submissions.some((s) => s.status === 'pass' && s.attemptId === null)) return true;
  return submissions.filter((s) => s.attemptId === null && countsAsTry(s)).length >= SOLUTION_AFTER_FAILURES;
}
