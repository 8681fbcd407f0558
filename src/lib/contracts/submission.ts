// What a learner submits for grading, and which files an exercise accepts. A code exercise takes
// files ({files: {path: text}}); a code review takes its findings as data ({findings: [...]}). Review
// findings become text in one place only, findingsFile(): the file a review draft, a stored
// submission row and a content folder (solutions/<id>/, tests/wrong/<case>/) keep them in, and which
// the API also accepts as {files: {"findings.json": …}}. submittablePaths() is the one rule for which
// paths may be submitted or saved as a draft: the grader's validation, the draft and submit routes and
// (through the exercise view) the browser all ask it. Pure: the browser imports this module.
import type { Exercise } from '../schemas/exercise.ts';
import { isReviewFinding, type ReviewFinding } from './review-finding.ts';

/** The file a review's findings are kept in: drafts, stored submissions, solutions/ and case folders. */
export const REVIEW_FINDINGS_FILE = 'findings.json';

export type FileSubmission = { files: Readonly<Record<string, string>> };
export type FindingsSubmission = { findings: readonly unknown[] };
/** A submission as it arrives: checked by the grader (server/grader/submission.ts) before anything runs. */
export type Submission = FileSubmission | FindingsSubmission;

/** The paths a learner may submit or keep a draft of: the editable files, or a review's findings file. */
export function submittablePaths(exercise: Pick<Exercise, 'kind' | 'editable'>): readonly string[] {
  return exercise.kind === 'review' ? [REVIEW_FINDINGS_FILE] : exercise.editable;
}

/** The text of a findings file: {"findings": [...]}, the format drafts, stored rows and solutions/ share. */
export function findingsFile(findings: readonly ReviewFinding[]): string {
  return JSON.stringify({ findings: findings.map(({ file, line, category }) => ({ file, line, category })) });
}

/**
 * The findings a findings file lists, for reading back what was stored (a draft, a submission row):
 * anything malformed is skipped. The grader reads submitted files strictly instead (it refuses them).
 */
export function findingsInFile(text: string | undefined): ReviewFinding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return [];
  }
  const list = (parsed as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => (isReviewFinding(item) ? [{ file: item.file, line: item.line, category: item.category }] : []));
}
