// Grading of write-tests exercises. The learner's tests must pass against the real implementation
// (the starter as shipped); then they run against the control — the real implementation under a
// random layout (code-under-test.ts) — which they must NOT fail: tests that do recognise the real
// code by something other than behaviour (line numbers, a script hash, the real clock) and earn
// nothing. Then they run against each mutant (a deliberately broken copy from
// tests/hidden/mutants/<id>/, under a random layout too), killed when at least one test fails on it
// (a crash or a timeout also counts). Score = killed / total; a pass needs the pass mark and every
// required mutant killed (src/lib/grading-score.ts).
// What a learner sees of the control and mutant runs is limited to facts they already know (names
// of tests that also ran against the real code, fixed limit messages): a test file could otherwise
// print what it read of a copy into a test name or an error and learn to recognise it.
import { GRADE_RESULT_VERSION, capTests, errorResult, type GradeResult, type TestOutcome } from '../../../lib/grade-result.ts';
import { mutationVerdict, roundScore, type MutantResult } from '../../../lib/grading-score.ts';
import { mutantClassLabel, type MutantSpec } from '../../../lib/mutant-spec.ts';
import type { LoadedExercise } from '../../content/exercise-folder.ts';
import { prepareLearnerSources, type LearnerSources } from '../learner-sources.ts';
import { executeInSandbox, type GradingEnv } from '../sandbox-run.ts';
import type { SubmittedFiles } from '../submission.ts';
import { collectRun, limitMessage, unhandledMessage, type VerdictContext } from '../verdict.ts';
import { loadCodeUnderTest } from './code-under-test.ts';

export interface LearnerTestRun {
  /** Why the tests did not produce results, if they did not. */
  problem?: string;
  /** The problem was a time, memory or output limit (its message is fixed text). */
  limit?: boolean;
  tests: TestOutcome[];
  allPassed: boolean;
}

/** Runs the learner's own test files over their files (and `overrides`, a copy of the code under test). */
export async function runLearnerTests(
  env: GradingEnv,
  exercise: LoadedExercise,
  files: SubmittedFiles,
  sources: LearnerSources,
  overrides?: ReadonlyMap<string, string>,
): Promise<LearnerTestRun> {
  const testPaths = [...files.keys()].filter((p) => p.endsWith('.test.ts'));
  const base = { exercise, files, copiedTests: [], runTests: testPaths.map((p) => `starter/${p}`), withCanary: false, sources };
  const { outcome } = await executeInSandbox(env, overrides ? { ...base, overrides } : base);
  const ctx: VerdictContext = {
    canaryName: undefined,
    expected: undefined,
    timeLimitMs: exercise.definition.timeLimitMs,
    memoryLimitMb: env.memoryLimitMb,
  };
  const limit = limitMessage(outcome, ctx);
  if (limit) return { problem: limit, limit: true, tests: [], allPassed: false };
  const run = collectRun(outcome, ctx, testPaths.length);
  if (run.problem) return { problem: run.problem, tests: [], allPassed: false };
  const tests: TestOutcome[] = run.tests.map((t) => {
    const o: TestOutcome = { name: t.name, status: t.status === 'pass' ? 'pass' : 'fail' };
    if (t.message !== undefined) o.message = t.message;
    if (t.output !== undefined) o.output = t.output;
    return o;
  });
  const unhandled = unhandledMessage(outcome);
  if (unhandled) return { problem: `An error was thrown outside of any test: ${unhandled}`, tests, allPassed: false };
  return { tests, allPassed: tests.length > 0 && tests.every((t) => t.status === 'pass') };
}

/**
 * Which of the learner's tests failed in a run against a copy (control or mutant), told only by
 * names that also ran against the real implementation: a name computed from the copy (its text,
 * its stack) would otherwise carry what the test read of it back to the learner.
 */
function failedTests(run: LearnerTestRun, knownNames: ReadonlySet<string>): string {
  if (run.problem !== undefined) {
    return run.limit ? (run.problem.split(/(?<=\.) /)[0] ?? run.problem) : 'your test file failed to load or threw outside of a test';
  }
  const failed = run.tests.filter((t) => t.status !== 'pass');
  const named = failed.filter((t) => knownNames.has(t.name)).map((t) => t.name);
  const unnamed = failed.length - named.length;
  const parts = [...named];
  if (unnamed > 0) parts.push(`${unnamed} test(s) whose name changes with the implementation`);
  return parts.length > 0 ? parts.join('; ') : 'none of your tests ran against it';
}

const bugText = (spec: MutantSpec): string => spec.description ?? `with mutant "${spec.id}" in place, all your tests still pass`;

function survivorSentence(spec: MutantSpec, labels: Readonly<Record<string, string>>): string {
  return `Your tests let ${mutantClassLabel(spec.class, labels)} through: ${bugText(spec)}.`;
}

/** One sentence per class of bug that got through: "Your tests let a UTC bug through: A; B." */
function survivorSentences(specs: readonly MutantSpec[], labels: Readonly<Record<string, string>>): string {
  const byLabel = new Map<string, string[]>();
  for (const spec of specs) {
    const label = mutantClassLabel(spec.class, labels);
    byLabel.set(label, [...(byLabel.get(label) ?? []), bugText(spec)]);
  }
  return [...byLabel].map(([label, bugs]) => `Your tests let ${label} through: ${bugs.join('; ')}.`).join(' ');
}

export async function gradeWriteTests(
  env: GradingEnv,
  exercise: LoadedExercise,
  files: SubmittedFiles,
  include: 'hidden' | 'visible',
): Promise<GradeResult> {
  const started = performance.now();
  const definition = exercise.definition;
  if (definition.kind !== 'write-tests') throw new Error(`"${definition.id}" is not a write-tests exercise`);
  const specs = definition.mutants;
  const labels = definition.mutantClasses;
  const total = specs.length;
  const elapsed = (): number => Math.round(performance.now() - started);
  const prepared = prepareLearnerSources(exercise, files, env.staticChecks);
  if (!prepared.ok) return errorResult(prepared.message, { durationMs: elapsed(), expected: total });
  if (![...files.keys()].some((p) => p.endsWith('.test.ts'))) {
    return errorResult('Submit your test file to be graded.', { durationMs: elapsed(), expected: total });
  }

  const real = await runLearnerTests(env, exercise, files, prepared.sources);
  if (real.problem) return errorResult(`Your tests could not run: ${real.problem}`, { durationMs: elapsed(), expected: total });
  if (real.tests.length === 0) return errorResult('Your test file has no tests.', { durationMs: elapsed(), expected: total });
  const result = (status: GradeResult['status'], message: string, tests: TestOutcome[], score: number, executed: number): GradeResult => ({
    version: GRADE_RESULT_VERSION,
    status,
    message,
    tests: capTests(tests),
    durationMs: elapsed(),
    score: roundScore(score),
    executed,
    expected: total,
  });
  if (include === 'visible') {
    const message = real.allPassed ? 'All your tests pass against the correct implementation.' : 'Some of your tests fail against the correct implementation.';
    return result(real.allPassed ? 'pass' : 'fail', message, real.tests, 0, 0);
  }
  if (!real.allPassed) {
    return result('fail', 'Your tests must all pass against the correct implementation before mutants are tried.', real.tests, 0, 0);
  }
  const knownNames = new Set(real.tests.map((t) => t.name));

  const code = await loadCodeUnderTest(exercise, specs.map((m) => m.id), env.runsDir);
  try {
    const run = async (overrides: Promise<Map<string, string>>): Promise<LearnerTestRun> =>
      runLearnerTests(env, exercise, files, prepared.sources, await overrides);

    const control = await run(code.control());
    const controlName = 'a copy that behaves exactly like the correct implementation passes your tests';
    if (control.limit) {
      return errorResult(`Your tests could not finish against a copy that behaves exactly like the correct implementation: ${control.problem ?? ''}`, {
        durationMs: elapsed(),
        expected: total,
      });
    }
    if (control.problem !== undefined || !control.allPassed) {
      const culprits = failedTests(control, knownNames);
      const message =
        'Your tests fail on a copy of the code under test that behaves exactly like the correct implementation (only its layout differs), ' +
        'so they judge something other than behaviour and this submission earns no credit. Tests must call the code and check what it does — ' +
        `not its source text, line numbers, or the real clock. Failing on the copy: ${culprits}.`;
      const verdict = mutationVerdict([], total, definition.passMark, true);
      return result('fail', message, [...real.tests, { name: controlName, status: 'fail', message: `failed by: ${culprits}` }], verdict.score, 0);
    }

    const mutantTests: TestOutcome[] = [];
    const outcomes: MutantResult[] = [];
    for (const spec of specs) {
      const mutantRun = await run(code.mutant(spec.id));
      const caught = mutantRun.problem !== undefined || !mutantRun.allPassed;
      outcomes.push({ id: spec.id, killed: caught, required: spec.required });
      const label = mutantClassLabel(spec.class, labels);
      mutantTests.push({
        name: `mutant ${spec.id} (${label}${spec.required ? ', must be caught' : ''}) is caught by your tests`,
        status: caught ? 'pass' : 'fail',
        message: caught
          ? `${mutantRun.problem === undefined ? 'caught by' : 'caught'}: ${failedTests(mutantRun, knownNames)}`
          : `${survivorSentence(spec, labels)}${spec.required ? ' Catching it is required to pass, whatever the score.' : ''}`,
      });
    }
    const verdict = mutationVerdict(outcomes, total, definition.passMark, false);
    const summary = `Your tests caught ${verdict.killed} of ${total} mutants (${Math.round(verdict.score * 100)} %); the pass mark is ${Math.round(definition.passMark * 100)} %.`;
    const required = specs.filter((s) => verdict.requiredSurvivors.includes(s.id));
    const requiredNote =
      required.length === 0
        ? ''
        : ` ${survivorSentences(required, labels)} ${required.length === 1 ? 'This bug must' : 'These bugs must'} be caught to pass, whatever the score.`;
    const controlOutcome: TestOutcome = { name: controlName, status: 'pass', message: 'Your tests judge behaviour: they pass on a copy that differs from the correct implementation only in layout.' };
    return result(verdict.passed ? 'pass' : 'fail', summary + requiredNote, [...real.tests, controlOutcome, ...mutantTests], verdict.score, total);
  } finally {
    await code.dispose();
  }
}
