// Turns what vitest recorded about a run (task states held by the trusted main process) into a
// GradeResult. Credit needs all of: the run finished within its limits, every test file loaded,
// the canary test failed as it must, exactly the manifest's number of hidden tests ran (none
// skipped, removed or added), and no error escaped the tests.
import type { TestCase } from 'vitest/node';
import {
  GRADE_RESULT_VERSION,
  MAX_RUN_OUTPUT_BYTES,
  capMessage,
  capTests,
  errorResult,
  type GradeResult,
  type TestOutcome,
} from '../../lib/grade-result.ts';
import { roundScore } from '../../lib/grading-score.ts';
import type { SlotOutcome } from './vitest-slot.ts';

export interface VerdictContext {
  canaryName: string | undefined;
  /** Hidden tests the manifest declares; undefined when any number may run (visible tests). */
  expected: number | undefined;
  timeLimitMs: number;
  memoryLimitMb: number;
}

export interface RanTest {
  name: string;
  status: 'pass' | 'fail' | 'skipped';
  message?: string;
  output?: string;
  task_id?: number;
}

export function limitMessage(outcome: SlotOutcome, ctx: VerdictContext): string | undefined {
  const stopped = outcome.stopped;
  const outOfHeap = /heap out of memory|Reached heap limit|Allocation failed/i.test(outcome.crashOutput);
  if (stopped?.reason === 'timeout') {
    return `Time limit exceeded: the tests did not finish within ${ctx.timeLimitMs / 1000} s. Look for an infinite loop or a promise that never settles.`;
  }
  if (stopped?.reason === 'memory' || outOfHeap) {
    return `Memory limit exceeded: the tests used more than ${ctx.memoryLimitMb} MB. Look for a loop that keeps growing an array, string or map.`;
  }
  if (stopped?.reason === 'output') {
    return `Output limit exceeded: the tests printed more than ${MAX_RUN_OUTPUT_BYTES / 1048576} MB. Remove the console output in loops.`;
  }
  if (stopped?.reason === 'aborted') return 'Grading was cancelled.';
  return undefined;
}

/** String() of anything the test process reported; its serialised errors may have no prototype. */
function show(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? typeof value;
    } catch {
      return `a thrown ${typeof value} that cannot be shown`;
    }
  }
}

function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : show(error);
    return typeof e.name === 'string' && e.name !== 'Error' && e.name !== 'AssertionError' && !message.startsWith(e.name)
      ? `${e.name}: ${message}`
      : message;
  }
  return show(error);
}

function describeTest(test: TestCase, logs: ReadonlyMap<string, string>): RanTest {
  const result = test.result();
  const status = result.state === 'passed' ? 'pass' : result.state === 'failed' ? 'fail' : 'skipped';
  const ran: RanTest = { name: test.fullName, status };
  const firstError = result.errors?.[0];
  if (status === 'fail') ran.message = firstError ? errorText(firstError) : 'the test failed';
  else if (status === 'skipped') ran.message = 'this test did not run';
  const output = logs.get(test.id);
  if (output) ran.output = output;
  const taskId = (test.meta() as Record<string, unknown>)['task_id'];
  if (typeof taskId === 'number' && Number.isInteger(taskId)) ran.task_id = taskId;
  return ran;
}

export interface CollectedRun {
  /** A reason no credit is possible before looking at individual tests, if any. */
  problem?: string;
  tests: RanTest[];
  canaryFailed: boolean;
}

/** Reads the tests of each module in file order, separating the canary. */
export function collectRun(outcome: SlotOutcome, ctx: VerdictContext, expectedFiles: number): CollectedRun {
  const tests: RanTest[] = [];
  let canaryFailed = false;
  let problem: string | undefined;
  if (outcome.modules.length !== expectedFiles) problem = 'The test process stopped before the tests finished (it exited or crashed).';
  for (const module of outcome.modules) {
    const moduleErrors = module.errors();
    const state = module.state();
    if (moduleErrors.length > 0 && !problem) problem = `The tests could not run: ${errorText(moduleErrors[0])}`;
    if ((state === 'pending' || state === 'queued') && !problem) {
      problem = 'The test process stopped before the tests finished (it exited or crashed).';
    }
    for (const test of module.children.allTests()) {
      if (ctx.canaryName !== undefined && test.name === ctx.canaryName && test.parent.type === 'module') {
        canaryFailed = test.result().state === 'failed';
        continue;
      }
      tests.push(describeTest(test, outcome.logs));
    }
  }
  return problem === undefined ? { tests, canaryFailed } : { problem, tests, canaryFailed };
}

const toOutcome = (t: RanTest): TestOutcome => {
  const o: TestOutcome = { name: t.name, status: t.status === 'pass' ? 'pass' : t.status === 'fail' ? 'fail' : 'error' };
  if (t.message !== undefined) o.message = t.message;
  if (t.output !== undefined) o.output = t.output;
  if (t.task_id !== undefined) o.task_id = t.task_id;
  return o;
};

export function unhandledMessage(outcome: SlotOutcome): string | undefined {
  const first = outcome.unhandledErrors[0];
  return first === undefined ? undefined : errorText(first);
}

/** The verdict of a hidden-suite (or visible-suite) run. */
export function hiddenSuiteVerdict(outcome: SlotOutcome, ctx: VerdictContext, expectedFiles: number): GradeResult {
  const durationMs = Math.round(outcome.durationMs);
  const expected = ctx.expected ?? 0;
  const limit = limitMessage(outcome, ctx);
  if (limit) return errorResult(limit, { durationMs, expected });
  const run = collectRun(outcome, ctx, expectedFiles);
  const executed = run.tests.filter((t) => t.status !== 'skipped').length;
  const fail = (message: string): GradeResult => ({
    ...errorResult(message, { durationMs, expected, executed }),
    tests: capTests(run.tests.map(toOutcome)),
  });
  if (run.problem) {
    const crash = unhandledMessage(outcome);
    return errorResult(crash && !run.problem.includes(crash) ? `${run.problem} (${crash})` : run.problem, { durationMs, expected });
  }
  if (ctx.canaryName !== undefined && !run.canaryFailed) {
    return fail('Grading integrity check failed: the run reported results that cannot be true, so it earns no credit. Do not change how tests or assertions behave.');
  }
  if (ctx.expected !== undefined && (run.tests.length !== ctx.expected || executed !== ctx.expected)) {
    return fail(
      `Expected ${ctx.expected} hidden tests to run, but ${executed} ran` +
        (run.tests.length !== executed ? ` and ${run.tests.length - executed} were skipped` : '') +
        '. Tests cannot be skipped, removed or added.',
    );
  }
  const passed = run.tests.filter((t) => t.status === 'pass').length;
  const unhandled = unhandledMessage(outcome);
  const allPassed = passed === run.tests.length && run.tests.length > 0;
  const result: GradeResult = {
    version: GRADE_RESULT_VERSION,
    status: allPassed && !unhandled ? 'pass' : 'fail',
    tests: capTests(run.tests.map(toOutcome)),
    durationMs,
    score: roundScore(run.tests.length === 0 ? 0 : (unhandled ? 0 : passed) / run.tests.length),
    executed,
    expected: ctx.expected ?? run.tests.length,
  };
  if (unhandled) result.message = capMessage(`An error was thrown outside of any test, so no credit is given: ${unhandled}`);
  else if (!allPassed) result.message = `${run.tests.length - passed} of ${run.tests.length} tests failed.`;
  return result;
}
