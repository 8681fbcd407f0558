// Grading of implement, debug and optimize exercises: the learner's files run against the
// hidden suite (credit) or the visible tests (practice, no manifest to match). An exercise that asks
// for the learner's own tests ("learnerTests") runs them too (learner-tests.ts).
import { errorResult, type GradeResult } from '../../../lib/grade-result.ts';
import type { LoadedExercise } from '../../content/exercise-folder.ts';
import { prepareLearnerSources } from '../learner-sources.ts';
import { executeInSandbox, type GradingEnv } from '../sandbox-run.ts';
import type { SubmittedFiles } from '../submission.ts';
import { hiddenSuiteVerdict } from '../verdict.ts';
import { checkOwnTests, ownTestsPractice, withOwnTests } from './learner-tests.ts';

export async function gradeHiddenSuite(
  env: GradingEnv,
  exercise: LoadedExercise,
  files: SubmittedFiles,
  include: 'hidden' | 'visible',
): Promise<GradeResult> {
  const started = performance.now();
  const { definition } = exercise;
  const expected = include === 'hidden' ? definition.hiddenTestCount : undefined;
  const elapsed = (): number => Math.round(performance.now() - started);
  const ownTests = 'learnerTests' in definition ? definition.learnerTests : undefined;
  const prepared = prepareLearnerSources(exercise, files, env.staticChecks);
  if (!prepared.ok) return errorResult(prepared.message, { durationMs: elapsed(), expected: expected ?? 0 });
  const tests = include === 'hidden' ? exercise.hiddenTests : exercise.visibleTests;
  if (tests.length === 0 && !(include === 'visible' && ownTests)) {
    return errorResult(`This exercise has no ${include} tests to run.`, { durationMs: elapsed(), expected: expected ?? 0 });
  }
  let result: GradeResult | null = null;
  if (tests.length > 0) {
    const { outcome, canaryName } = await executeInSandbox(env, {
      exercise,
      files,
      copiedTests: tests,
      runTests: tests.map((t) => `tests/${t}`),
      withCanary: true,
      sources: prepared.sources,
    });
    result = {
      ...hiddenSuiteVerdict(outcome, { canaryName, expected, timeLimitMs: definition.timeLimitMs, memoryLimitMb: env.memoryLimitMb }, tests.length),
      durationMs: elapsed(),
    };
  }
  if (!ownTests) return result ?? errorResult(`This exercise has no ${include} tests to run.`, { durationMs: elapsed(), expected: 0 });
  // Nothing trustworthy ran (a limit, a tampered run): the learner's own tests would not change that.
  if (result?.status === 'error') return result;
  const own = await checkOwnTests(env, exercise, files, prepared.sources, ownTests.minPassing);
  if (include === 'visible') return ownTestsPractice(result, own, elapsed());
  if (!result) throw new Error(`"${definition.id}" has no hidden tests`);
  return withOwnTests(result, own, elapsed());
}
