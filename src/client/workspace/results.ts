// What the results panel shows for a GradeResult: a headline, per-test rows in file order with the
// first failing test expanded, and a quiet success state that points to what comes next. Pure: the
// DOM rendering lives in results-view.ts.
import type { GradeResult, GradeStatus, TestStatus } from '../../lib/grade-result.ts';

/** Where a result came from: a practice run (browser or server) or the graded submission. */
export type ResultSource = 'browser' | 'server-run' | 'submission';

export interface TestRow {
  name: string;
  status: TestStatus;
  message?: string;
  output?: string;
  taskId?: number;
  expanded: boolean;
}

export interface ResultsModel {
  status: GradeStatus;
  headline: string;
  detail: string | null;
  source: ResultSource;
  sourceLabel: string;
  tests: TestRow[];
  passed: number;
  total: number;
  /** The submission passed: show the success state (and the way on). */
  solved: boolean;
  /** Visible tests pass in a practice run: nudge to submit. */
  readyToSubmit: boolean;
}

const SOURCE_LABEL: Record<ResultSource, string> = {
  browser: 'Visible tests · in your browser',
  'server-run': 'Visible tests · on the server',
  submission: 'Graded submission',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function buildResultsModel(result: GradeResult, source: ResultSource): ResultsModel {
  const firstFailing = result.tests.findIndex((t) => t.status !== 'pass');
  const tests: TestRow[] = result.tests.map((t, i) => {
    const row: TestRow = { name: t.name, status: t.status, expanded: i === firstFailing };
    if (t.message !== undefined) row.message = t.message;
    if (t.output !== undefined) row.output = t.output;
    if (t.task_id !== undefined) row.taskId = t.task_id;
    return row;
  });
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  const total = result.tests.length;
  const submission = source === 'submission';
  let headline: string;
  let detail: string | null = null;
  if (result.status === 'pass') {
    headline = submission
      ? result.tests.length > 0
        ? `Solved: all ${plural(total, 'check')} passed.`
        : 'Solved: your submission meets the bar.'
      : `All ${plural(total, 'visible test')} pass.`;
    if (!submission) detail = 'Submit to have the full (hidden) test suite grade your work.';
  } else if (result.status === 'fail') {
    const failed = total - passed;
    headline = total > 0 ? `${plural(failed, 'test')} failed, ${passed} passed.` : 'Not yet: the submission does not meet the bar.';
    detail = result.message && total === 0 ? result.message : null;
  } else {
    headline = 'The tests could not run.';
    detail = result.message ?? 'Nothing ran. Check that your code compiles.';
  }
  if (result.score !== undefined && submission && result.status !== 'error' && total === 0) {
    detail = `${detail ? `${detail} ` : ''}Score: ${Math.round(result.score * 100)} %.`;
  }
  return {
    status: result.status,
    headline,
    detail,
    source,
    sourceLabel: SOURCE_LABEL[source],
    tests,
    passed,
    total,
    solved: submission && result.status === 'pass',
    readyToSubmit: !submission && result.status === 'pass',
  };
}
