// Homework and the learner's own tests in content: what content:check tells an author who declares
// homework that cannot be due (a session the program lacks, not after the session it belongs to), or
// makes a certification task homework; and how the grader's result for an exercise with the learner's
// own tests is put together (kinds/learner-tests.ts) and counted by the proofs (scripts/lib).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/server/content/issues.ts';
import { validateContent } from '../../../src/server/content/validate.ts';
import { withOwnTests, ownTestsPractice, type OwnTestsCheck } from '../../../src/server/grader/kinds/learner-tests.ts';
import { hiddenTestCountProblem } from '../../../scripts/lib/prove-exercises.ts';
import { exerciseSchema, type Exercise } from '../../../src/lib/schemas/exercise.ts';
import type { GradeResult } from '../../../src/lib/grade-result.ts';

const root = join(import.meta.dirname, '../../..');
const fixture = join(root, 'tests/fixtures/programs/money-basics');
const PARSE = 'exercises/mb-parse-cents/exercise.json';
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function withExercise(edit: (data: Record<string, unknown>) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-homework-'));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  const path = join(dir, PARSE);
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(path, JSON.stringify(data, null, 2));
  return validateContent(dir, { codeRoot: root, lessonCode: false }).issues.map(formatIssue);
}

describe('homework in exercise.json', () => {
  it('must be due before a later session the program has', () => {
    expect(withExercise((d) => (d['homework'] = { dueBeforeSession: 2 }))).toContain(
      `${PARSE}: homework.dueBeforeSession: is 2, but homework of session 1 is due before a later session of the program's 1: use 2 to 1`,
    );
    expect(withExercise((d) => (d['homework'] = { dueBeforeSession: 1 })).some((m) => m.startsWith(`${PARSE}: homework.dueBeforeSession:`))).toBe(true);
  });

  it('is never a certification task', () => {
    expect(withExercise((d) => Object.assign(d, { homework: { dueBeforeSession: 2 }, certification: true }))).toContain(
      `${PARSE}: homework: a certification task cannot be homework: set "certification": false or leave "homework" out`,
    );
  });

  it('learnerTests belongs to exercises graded by a hidden suite, with a positive minimum', () => {
    const base = JSON.parse(readFileSync(join(root, 'exercises/s1-homework-entity/exercise.json'), 'utf8')) as Record<string, unknown>;
    expect(exerciseSchema.safeParse(base).success).toBe(true);
    expect(exerciseSchema.safeParse({ ...base, learnerTests: { minPassing: 0 } }).success).toBe(false);
    const writeTests = JSON.parse(readFileSync(join(root, 'exercises/s1-timestamp-tests/exercise.json'), 'utf8')) as Record<string, unknown>;
    expect(exerciseSchema.safeParse({ ...writeTests, learnerTests: { minPassing: 3 } }).success).toBe(false);
  });
});

describe('the result of an exercise with the learner’s own tests', () => {
  const hidden = (passed: number, of: number): GradeResult => ({
    version: 3,
    status: passed === of ? 'pass' : 'fail',
    tests: Array.from({ length: of }, (_, i) => ({ name: `check ${i}`, status: i < passed ? ('pass' as const) : ('fail' as const) })),
    durationMs: 5,
    score: passed / of,
    executed: of,
    expected: of,
    ...(passed === of ? {} : { message: `${of - passed} of ${of} tests failed.` }),
  });
  const own = (ok: boolean): OwnTestsCheck => ({
    ok,
    summary: ok ? 'Your own 3 tests pass.' : 'You wrote 2 tests; at least 3 are needed.',
    tests: [{ name: 'your own tests: at least 3, every one passing', status: ok ? 'pass' : 'fail', kind: 'project-check' }, { name: 'your test: a', status: 'pass', kind: 'project-check' }],
  });

  it('passes only when the hidden suite and the own tests both do; the own tests count as one more check', () => {
    expect(withOwnTests(hidden(11, 11), own(true), 9)).toMatchObject({ status: 'pass', score: 1, executed: 11, expected: 11, durationMs: 9 });
    expect(withOwnTests(hidden(11, 11), own(true), 9).message).toBeUndefined();
    expect(withOwnTests(hidden(11, 11), own(false), 9)).toMatchObject({ status: 'fail', score: 0.9167, message: 'You wrote 2 tests; at least 3 are needed.' });
    expect(withOwnTests(hidden(10, 11), own(true), 9)).toMatchObject({ status: 'fail', score: 0.9167, message: '1 of 11 tests failed. Your own 3 tests pass.' });
    expect(withOwnTests(hidden(10, 11), own(false), 9).tests.map((t) => t.name).slice(-2)).toEqual(['your own tests: at least 3, every one passing', 'your test: a']);
    expect(ownTestsPractice(null, own(false), 3)).toMatchObject({ status: 'fail', score: 0, executed: 0, message: 'You wrote 2 tests; at least 3 are needed.' });
    expect(ownTestsPractice(null, own(true), 3).status).toBe('pass');
  });

  it('the proofs count only the hidden suite’s tests against hiddenTestCount', () => {
    const exercise = exerciseSchema.parse(JSON.parse(readFileSync(join(root, 'exercises/s1-homework-entity/exercise.json'), 'utf8'))) as Exercise;
    expect(hiddenTestCountProblem(exercise, withOwnTests(hidden(11, 11), own(true), 1))).toBeUndefined();
    expect(hiddenTestCountProblem(exercise, withOwnTests(hidden(10, 10), own(true), 1))).toMatch(/"hiddenTestCount" is 11, but tests\/hidden\/ has 10 test\(s\)/);
  });
});
