// The learner's own tests of an implement-family exercise that asks for them (exercise.json
// "learnerTests", e.g. the homework: "write at least 3 unit tests"): their editable *.test.ts files
// run against their own code, after the hidden suite. Credit needs the hidden suite passed and at
// least `minPassing` own tests, every one passing. What the tests check is the instructor's to judge;
// here only that they exist, load and pass is decided. The own tests run without the canary: they
// test the learner's own code, so there is nothing in them for the learner to gain by tampering.
// Their outcomes are marked 'project-check': checks beside the hidden suite, not hidden tests.
import { GRADE_RESULT_VERSION, capTests, type GradeResult, type TestOutcome } from '../../../lib/grade-result.ts';
import { roundScore } from '../../../lib/grading-score.ts';
import type { LoadedExercise } from '../../content/exercise-folder.ts';
import type { LearnerSources } from '../learner-sources.ts';
import type { GradingEnv } from '../sandbox-run.ts';
import type { SubmittedFiles } from '../submission.ts';
import { runLearnerTests } from './write-tests.ts';

/** How one of the learner's own tests is named in a result, apart from the hidden suite's checks. */
export const OWN_TEST_PREFIX = 'your test: ';

export interface OwnTestsCheck {
  ok: boolean;
  /** One line for the result's message. */
  summary: string;
  /** The check itself, then each of the learner's tests. */
  tests: TestOutcome[];
}

const CHECK = 'project-check' as const;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs the learner's test files over their own code and judges them against `minPassing`. */
export async function checkOwnTests(env: GradingEnv, exercise: LoadedExercise, files: SubmittedFiles, sources: LearnerSources, minPassing: number): Promise<OwnTestsCheck> {
  const name = `your own tests: at least ${minPassing}, every one passing`;
  const testFiles = [...files.keys()].filter((p) => p.endsWith('.test.ts'));
  if (testFiles.length === 0) {
    const summary = `Your own tests are missing: submit your test file with at least ${plural(minPassing, 'test')}.`;
    return { ok: false, summary, tests: [{ name, status: 'fail', message: summary, kind: CHECK }] };
  }
  const run = await runLearnerTests(env, exercise, files, sources);
  const own = run.tests.map((t): TestOutcome => ({ ...t, name: `${OWN_TEST_PREFIX}${t.name}`, kind: CHECK }));
  if (run.problem !== undefined) {
    const summary = `Your own tests could not run: ${run.problem}`;
    return { ok: false, summary, tests: [{ name, status: 'fail', message: summary, kind: CHECK }, ...own] };
  }
  const passed = run.tests.filter((t) => t.status === 'pass').length;
  const failed = run.tests.length - passed;
  let summary: string;
  if (failed > 0) summary = `${plural(failed, 'test')} of your own ${failed === 1 ? 'fails' : 'fail'}: every one must pass.`;
  else if (passed < minPassing) summary = `You wrote ${plural(passed, 'test')}; at least ${minPassing} are needed.`;
  else summary = `Your own ${plural(passed, 'test')} pass.`;
  const ok = failed === 0 && passed >= minPassing;
  return { ok, summary, tests: [{ name, status: ok ? 'pass' : 'fail', message: summary, kind: CHECK }, ...own] };
}

/** The hidden suite's result with the learner's own tests added: one more check, the tests listed after it. */
export function withOwnTests(hidden: GradeResult, own: OwnTestsCheck, durationMs: number): GradeResult {
  const hiddenPassed = hidden.tests.filter((t) => t.status === 'pass' && t.kind !== CHECK).length;
  const checks = hidden.expected + 1;
  const passed = Math.min(hiddenPassed, hidden.expected) + (own.ok ? 1 : 0);
  const status = hidden.status === 'pass' && own.ok ? 'pass' : 'fail';
  const message = [hidden.message, own.ok && hidden.status === 'pass' ? undefined : own.summary].filter((m) => m !== undefined && m !== '').join(' ');
  const result: GradeResult = {
    version: GRADE_RESULT_VERSION,
    status,
    tests: capTests([...hidden.tests, ...own.tests]),
    durationMs,
    score: roundScore(checks === 0 ? 0 : passed / checks),
    executed: hidden.executed,
    expected: hidden.expected,
  };
  if (message) result.message = message;
  return result;
}

/** Practice ("Run tests"): the learner's own tests, with the visible suite's result when there is one. */
export function ownTestsPractice(visible: GradeResult | null, own: OwnTestsCheck, durationMs: number): GradeResult {
  const tests = [...(visible?.tests ?? []), ...own.tests];
  const ok = own.ok && (visible === null || visible.status === 'pass');
  return {
    version: GRADE_RESULT_VERSION,
    status: ok ? 'pass' : 'fail',
    message: [visible?.message, own.summary].filter((m) => m !== undefined && m !== '').join(' '),
    tests: capTests(tests),
    durationMs,
    score: 0,
    executed: 0,
    expected: 0,
  };
}
