// "Show solution" counts only real tries: changed from the starter as shipped, hidden tests ran and
// failed. Submitting the starter (or an empty review) three times must not open the solution.
import { describe, expect, it } from 'vitest';
import { changedFromStarter, countsAsTry, solutionAvailable, SOLUTION_AFTER_FAILURES } from '../../../src/server/exercises/solution-policy.ts';
import type { Submission } from '../../../src/server/db/submissions.ts';
import type { GradeResult } from '../../../src/lib/grade-result.ts';

const code = { kind: 'implement' as const, editable: ['src/a.ts', 'src/b.ts'] };
const starter = [
  { path: 'src/a.ts', content: 'export const a = 1;\n' },
  { path: 'src/b.ts', content: 'export function b() {\n  return 2;\n}\n' },
];

function graded(status: 'pass' | 'fail' | 'error', executed: number): GradeResult {
  return { version: 3, status, tests: [], durationMs: 1, score: status === 'pass' ? 1 : 0, executed, expected: 4 };
}
function submission(over: Partial<Submission> & { result: unknown }): Submission {
  return {
    id: Math.random().toString(36),
    userId: 'u',
    exerciseId: 'ex',
    attemptId: null,
    files: {},
    status: (over.result as GradeResult).status,
    score: 0,
    durationMs: 1,
    createdAt: 1,
    gradedAt: 2,
    changed: true,
    noVerdict: false,
    ...over,
  };
}
const practice = { certification: false };

describe('changed from the starter', () => {
  it('is false for the starter as shipped, also with other line endings or trailing spaces', () => {
    expect(changedFromStarter(code, starter, { 'src/a.ts': 'export const a = 1;\n' })).toBe(false);
    expect(changedFromStarter(code, starter, { 'src/a.ts': 'export const a = 1;', 'src/b.ts': 'export function b() {\r\n  return 2;   \r\n}\r\n\r\n' })).toBe(false);
  });

  it('is true when any editable file differs, or a file the starter lacks has content', () => {
    expect(changedFromStarter(code, starter, { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export function b() {\n  return 3;\n}\n' })).toBe(true);
    expect(changedFromStarter({ kind: 'write-tests', editable: ['src/new.test.ts'] }, [], { 'src/new.test.ts': 'it("x", () => {});' })).toBe(true);
    expect(changedFromStarter({ kind: 'write-tests', editable: ['src/new.test.ts'] }, [], { 'src/new.test.ts': '  \n' })).toBe(false);
  });

  it('for a review, means at least one finding', () => {
    const review = { kind: 'review' as const, editable: ['src/r.ts'] };
    expect(changedFromStarter(review, [], { 'findings.json': '{"findings":[]}' })).toBe(false);
    expect(changedFromStarter(review, [], { 'findings.json': '{"findings":[{"file":"src/r.ts","line":3,"category":"types"}]}' })).toBe(true);
  });
});

describe('what counts as a try', () => {
  it('needs a change, a failing verdict and at least one hidden test run', () => {
    expect(countsAsTry(submission({ result: graded('fail', 3) }))).toBe(true);
    expect(countsAsTry(submission({ result: graded('fail', 3), changed: false }))).toBe(false);
    expect(countsAsTry(submission({ result: graded('fail', 3), changed: null }))).toBe(false);
    expect(countsAsTry(submission({ result: graded('error', 0) }))).toBe(false);
    expect(countsAsTry(submission({ result: graded('error', 3) }))).toBe(false);
    expect(countsAsTry(submission({ result: graded('fail', 0) }))).toBe(false);
    expect(countsAsTry(submission({ result: { not: 'a result' }, status: 'fail' }))).toBe(false);
  });
});

describe('solution availability', () => {
  it('stays closed after three unchanged starter submissions, opens after three real tries', () => {
    const unchanged = Array.from({ length: SOLUTION_AFTER_FAILURES }, () => submission({ result: graded('fail', 4), changed: false }));
    expect(solutionAvailable(practice, unchanged, false)).toBe(false);
    const errors = Array.from({ length: 5 }, () => submission({ result: graded('error', 0) }));
    expect(solutionAvailable(practice, [...unchanged, ...errors], false)).toBe(false);
    const real = Array.from({ length: SOLUTION_AFTER_FAILURES - 1 }, () => submission({ result: graded('fail', 4) }));
    expect(solutionAvailable(practice, [...unchanged, ...real], false)).toBe(false);
    expect(solutionAvailable(practice, [...unchanged, ...real, submission({ result: graded('fail', 1) })], false)).toBe(true);
  });

  it('opens after a pass or once viewed, never for a certification task or through attempt submissions', () => {
    expect(solutionAvailable(practice, [submission({ result: graded('pass', 4) })], false)).toBe(true);
    expect(solutionAvailable(practice, [], true)).toBe(true);
    expect(solutionAvailable({ certification: true }, [submission({ result: graded('pass', 4) })], true)).toBe(false);
    const inAttempt = Array.from({ length: 3 }, () => submission({ result: graded('fail', 4), attemptId: 'att' }));
    expect(solutionAvailable(practice, inAttempt, false)).toBe(false);
  });
});
