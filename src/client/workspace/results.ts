// What the results panel shows for a GradeResult: a headline, per-test rows in file order with the
// first failing test expanded, and a quiet success state that points to what comes next. A result
// the server cut down (certification tasks, practice reviews before "show solution") says so in a
// note, worded as requirements or as the learner's own findings. Pure: the DOM rendering lives in
// results-view.ts.
import { coverageOf, type GradeStatus, type TestStatus } from '../../lib/grade-result.ts';
import { coverageTable, type CoverageTableModel } from '../../lib/coverage-view.ts';
import type { ShownResult } from '../../lib/contracts/exercise-view.ts';

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
  /** Why the result shows less than everything (certification task, review before the solution opens). */
  note: string | null;
  source: ResultSource;
  sourceLabel: string;
  tests: TestRow[];
  passed: number;
  total: number;
  /** The submission passed: show the success state (and the way on). */
  solved: boolean;
  /** Visible tests pass in a practice run: nudge to submit. */
  readyToSubmit: boolean;
  /** Projects with a coverage requirement: the coverage table (null otherwise). */
  coverage: CoverageTableModel | null;
}

const SOURCE_LABEL: Record<ResultSource, string> = {
  browser: 'Visible tests · in your browser',
  'server-run': 'Visible tests · on the server',
  submission: 'Graded submission',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const percent = (share: number): string => `${Math.round(share * 100)} %`;

export const REQUIREMENTS_NOTE = 'Certification tasks show which requirements pass or fail, not why: no test code, messages or expected values.';
export const OWN_FINDINGS_NOTE_CERTIFICATION = 'Certification feedback lists only your own findings: ✓ matches a defect in the answer key, ✗ does not. Defects you have not found are not shown.';
export const OWN_FINDINGS_NOTE_PRACTICE = 'Only your own findings are listed: ✓ matches a defect in the answer key, ✗ does not. The defects you missed are shown once “Show solution” opens (after you pass, or after three graded submissions that list findings).';

/** Headline and note for a result the server cut down; null when it was shown in full. */
function cutDown(result: ShownResult, submission: boolean, certification: boolean): Pick<ResultsModel, 'headline' | 'detail' | 'note'> | null {
  if (!submission || result.status === 'error') return null;
  if (result.disclosure === 'requirements') {
    const met = result.tests.filter((t) => t.status === 'pass').length;
    const total = result.tests.length;
    const headline = result.status === 'pass' ? `Solved: all ${plural(total, 'requirement')} met.` : `${met} of ${plural(total, 'requirement')} met.`;
    const detail = result.status === 'fail' && result.message && !result.message.endsWith('requirements met.') ? result.message : null;
    return { headline, detail, note: REQUIREMENTS_NOTE };
  }
  if (result.disclosure === 'own-findings') {
    const r = result.review;
    const score = `F1 ${percent(result.score ?? 0)}`;
    const headline = result.status === 'pass' ? `Solved: ${score}.` : `Not yet: ${score}.`;
    const detail = r
      ? `Precision ${percent(r.precision)}, recall ${percent(r.recall)}: ${r.matched} of your ${plural(r.findings, 'finding')} ${r.matched === 1 && r.findings === 1 ? 'matches' : 'match'} a defect in the answer key.`
      : (result.message ?? null);
    return { headline, detail, note: certification ? OWN_FINDINGS_NOTE_CERTIFICATION : OWN_FINDINGS_NOTE_PRACTICE };
  }
  return null;
}

export function buildResultsModel(result: ShownResult, source: ResultSource, opts: { certification?: boolean } = {}): ResultsModel {
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
  const report = coverageOf(result);
  let note: string | null = null;
  const cut = cutDown(result, submission, opts.certification === true);
  if (cut) ({ headline, detail, note } = cut);
  return {
    status: result.status,
    headline,
    detail,
    note,
    source,
    sourceLabel: SOURCE_LABEL[source],
    tests,
    passed,
    total,
    solved: submission && result.status === 'pass',
    readyToSubmit: !submission && result.status === 'pass',
    coverage: report ? coverageTable(report) : null,
  };
}
