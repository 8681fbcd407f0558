// Grading of implement, debug and optimize exercises: the learner's files run against the
// hidden suite (credit) or the visible tests (practice, no manifest to match).
import { errorResult, type GradeResult } from '../../../lib/grade-result.ts';
import type { LoadedExercise } from '../../content/exercise-folder.ts';
import { prepareLearnerSources } from '../learner-sources.ts';
import { executeInSandbox, type GradingEnv } from '../sandbox-run.ts';
import type { SubmittedFiles } from '../submission.ts';
import { hiddenSuiteVerdict } from '../verdict.ts';

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
  const prepared = prepareLearnerSources(exercise, files, env.staticChecks);
  if (!prepared.ok) return errorResult(prepared.message, { durationMs: elapsed(), expected: expected ?? 0 });
  const tests = include === 'hidden' ? exercise.hiddenTests : exercise.visibleTests;
  if (tests.length === 0) {
    return errorResult(`This exercise has no ${include} tests to run.`, { durationMs: elapsed(), expected: expected ?? 0 });
  }
  const { outcome, canaryName } = await executeInSandbox(env, {
    exercise,
    files,
    copiedTests: tests,
    runTests: tests.map((t) => `tests/${t}`),
    withCanary: true,
    sources: prepared.sources,
  });
  const result = hiddenSuiteVerdict(
    outcome,
    { canaryName, expected, timeLimitMs: definition.timeLimitMs, memoryLimitMb: env.memoryLimitMb },
    tests.length,
  );
  return { ...result, durationMs: elapsed() };
}
