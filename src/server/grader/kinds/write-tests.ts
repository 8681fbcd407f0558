// Grading of write-tests exercises: the learner's tests must pass against the real
// implementation, and each mutant (a deliberately broken copy of the implementation from
// tests/hidden/mutants/<id>/) is killed when at least one of those tests fails against it
// (a crash or a timeout also counts as caught). Score = killed / total.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { GRADE_RESULT_VERSION, capTests, errorResult, type GradeResult, type TestOutcome } from '../../../lib/grade-result.ts';
import { mutationScore, roundScore } from '../../../lib/grading-score.ts';
import type { LoadedExercise } from '../exercise-loader.ts';
import { prepareLearnerSources, type LearnerSources } from '../learner-sources.ts';
import { executeInSandbox, type GradingEnv } from '../sandbox-run.ts';
import type { SubmittedFiles } from '../submission.ts';
import { collectRun, limitMessage, unhandledMessage, type VerdictContext } from '../verdict.ts';

async function mutantFiles(exercise: LoadedExercise, mutant: string): Promise<Map<string, string>> {
  const root = join(exercise.dir, 'tests', 'hidden', 'mutants', mutant);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    files.set(relative(root, full).split(sep).join('/'), full);
  }
  if (files.size === 0) throw new Error(`mutant "${mutant}" of "${exercise.definition.id}" has no files`);
  return files;
}

interface LearnerTestRun {
  /** Why the tests did not produce results, if they did not. */
  problem?: string;
  tests: TestOutcome[];
  allPassed: boolean;
}

async function runLearnerTests(
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
  if (limit) return { problem: limit, tests: [], allPassed: false };
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

export async function gradeWriteTests(
  env: GradingEnv,
  exercise: LoadedExercise,
  files: SubmittedFiles,
  include: 'hidden' | 'visible',
): Promise<GradeResult> {
  const started = performance.now();
  const definition = exercise.definition;
  if (definition.kind !== 'write-tests') throw new Error(`"${definition.id}" is not a write-tests exercise`);
  const total = definition.mutants.length;
  const elapsed = (): number => Math.round(performance.now() - started);
  const prepared = prepareLearnerSources(definition, files, env.staticChecks);
  if (!prepared.ok) return errorResult(prepared.message, { durationMs: elapsed(), expected: total });
  if (![...files.keys()].some((p) => p.endsWith('.test.ts'))) {
    return errorResult('Submit your test file to be graded.', { durationMs: elapsed(), expected: total });
  }

  const real = await runLearnerTests(env, exercise, files, prepared.sources);
  if (real.problem) return errorResult(`Your tests could not run: ${real.problem}`, { durationMs: elapsed(), expected: total });
  if (real.tests.length === 0) return errorResult('Your test file has no tests.', { durationMs: elapsed(), expected: total });
  const result = (status: GradeResult['status'], message: string, tests: TestOutcome[], killed: number, executed: number): GradeResult => ({
    version: GRADE_RESULT_VERSION,
    status,
    message,
    tests: capTests(tests),
    durationMs: elapsed(),
    score: roundScore(mutationScore(killed, total)),
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

  const mutantTests: TestOutcome[] = [];
  let killed = 0;
  for (const mutant of definition.mutants) {
    const run = await runLearnerTests(env, exercise, files, prepared.sources, await mutantFiles(exercise, mutant));
    const caught = run.problem !== undefined || !run.allPassed;
    if (caught) killed++;
    mutantTests.push({
      name: `mutant ${mutant} is caught by your tests`,
      status: caught ? 'pass' : 'fail',
      message: caught
        ? `caught${run.problem ? ` (${run.problem.split('\n')[0]})` : ` by: ${run.tests.filter((t) => t.status !== 'pass').map((t) => t.name).join('; ')}`}`
        : 'all your tests still pass when the implementation has this bug',
    });
  }
  const score = mutationScore(killed, total);
  const passed = score >= definition.passMark;
  return result(
    passed ? 'pass' : 'fail',
    `Your tests caught ${killed} of ${total} mutants (${Math.round(score * 100)} %); the pass mark is ${Math.round(definition.passMark * 100)} %.`,
    [...real.tests, ...mutantTests],
    killed,
    total,
  );
}
