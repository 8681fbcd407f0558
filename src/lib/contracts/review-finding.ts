// A finding in a code-review exercise: the line a learner marks and the category they give it. The
// browser builds them (client/workspace/review-*.ts) and submits them, the grader matches them
// against the answer key (lib/grading-score.ts, server/grader/kinds/review.ts), and results carry the
// learner's own finding back (lib/grade-result.ts) for server/exercises/feedback.ts to show.
// Pure: the browser imports it.

export interface ReviewFinding {
  /** Path of a review file, relative to the exercise's starter/. */
  file: string;
  /** 1-based line number. */
  line: number;
  category: string;
}

export function isReviewFinding(value: unknown): value is ReviewFinding {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Partial<Record<keyof ReviewFinding, unknown>>;
  return typeof f.file === 'string' && Number.isInteger(f.line) && typeof f.category === 'string';
}
