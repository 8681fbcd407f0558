// A grader's result as the submission row stores it, the same whether the web node graded it
// (embedded mode) or a grader worker did (cluster mode).
import type { GradeResult } from '../../lib/grade-result.ts';
import type { SubmissionStatus } from '../db/submissions.ts';

export function scoreOf(result: GradeResult): number {
  return result.score ?? (result.status === 'pass' ? 1 : 0);
}

/** The row's outcome: score, failed test names, and whether the run judged the code at all. */
export function outcomeOf(result: GradeResult, noVerdict: boolean): {
  status: Exclude<SubmissionStatus, 'queued'>;
  score: number;
  result: GradeResult;
  durationMs: number;
  failedTests: string[];
  noVerdict: boolean;
} {
  return {
    status: result.status,
    score: scoreOf(result),
    result,
    durationMs: result.durationMs,
    failedTests: result.tests.filter((t) => t.status !== 'pass').map((t) => t.name),
    noVerdict,
  };
}
