// `npm run content:check -- --root <dir>` on the second program (tests/fixtures/programs/money-basics),
// through the real sandboxed grader: the program as shipped passes, every exercise proven; a copy with
// a wrong hiddenTestCount is told the field, the count stated and the count the suite has; and an
// exercise whose exercise.json does not load is named as not graded while the others are proven.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import type { Exercise } from '../../src/lib/schemas/exercise.ts';
import { hiddenTestCountProblem } from '../../scripts/lib/prove-exercises.ts';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'tests/fixtures/programs/money-basics');
const copies: string[] = [];

function contentCheck(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(root, 'scripts/content-check.ts'), ...args], { cwd: root, encoding: 'utf8', env: process.env, timeout: 240_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

function copyWith(edits: Record<string, (data: Record<string, unknown>) => void>): string {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-program-'));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    edit(data);
    writeFileSync(join(dir, file), JSON.stringify(data, null, 2));
  }
  return dir;
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('content:check --root on a second program', () => {
  it('passes the program as shipped, proving each exercise with its wrong solutions', { timeout: 240_000 }, () => {
    const { status, output } = contentCheck('--root', fixture);
    expect(output).toContain('1 program(s), 2 lessons, 3 exercises, 12 quiz questions, 1 certification(s)');
    expect(output).toContain('✓ exercise mb-parse-cents: solution passes, starter and 3 wrong solution(s) fail');
    expect(output).toContain('✓ exercise mb-split-tests: solution passes, starter and 3 wrong solution(s) fail');
    expect(output).toContain('✓ exercise mb-review-invoice: solution passes, starter and 5 wrong solution(s) fail');
    expect(output).toContain('content:check passed.');
    expect(status, output).toBe(0);
  });

  it('names hiddenTestCount with both counts, and proves the valid exercises while another does not load', { timeout: 240_000 }, () => {
    const dir = copyWith({
      'exercises/mb-parse-cents/exercise.json': (e) => (e['hiddenTestCount'] = 12),
      'exercises/mb-review-invoice/exercise.json': (e) => (e['kind'] = 'reviews'),
    });
    const { status, output } = contentCheck('--root', dir);
    expect(output).toContain('exercises/mb-review-invoice/exercise.json: kind: "reviews" is not a known kind: use one of "implement", "debug", "optimize", "write-tests" or "review" (did you mean "review"?)');
    expect(output).toContain('✗ exercise mb-parse-cents');
    expect(output).toContain('exercise.json: "hiddenTestCount" is 12, but tests/hidden/ has 10 test(s): set "hiddenTestCount": 10.');
    expect(output).not.toMatch(/Tests cannot be skipped, removed or added/);
    expect(output).toContain('✓ exercise mb-split-tests: solution passes, starter and 3 wrong solution(s) fail');
    expect(output).toContain('– exercise mb-review-invoice not graded: exercises/mb-review-invoice/exercise.json did not load (see above); it is graded once it does');
    expect(output).toMatch(/content:check found \d+ problem\(s\), 1 exercise proof failure\(s\), 1 exercise\(s\) not graded until their own problems are fixed\./);
    expect(status, output).toBe(1);
  });
});

describe('hiddenTestCountProblem', () => {
  const exercise = JSON.parse(readFileSync(join(fixture, 'exercises/mb-parse-cents/exercise.json'), 'utf8')) as Exercise;
  const run = (tests: number, executed: number): GradeResult => ({
    version: 3,
    status: 'error',
    tests: Array.from({ length: tests }, (_, i) => ({ name: `t${i}`, status: i < executed ? 'pass' : 'error' })),
    durationMs: 1,
    executed,
    expected: exercise.hiddenTestCount,
  });

  it('says nothing when the count is right, or for kinds that do not count hidden tests', () => {
    expect(hiddenTestCountProblem(exercise, run(10, 10))).toBeUndefined();
    expect(hiddenTestCountProblem({ ...exercise, kind: 'review' } as Exercise, run(3, 3))).toBeUndefined();
    // nothing ran (a compile error): the count cannot be judged from this run
    expect(hiddenTestCountProblem(exercise, run(0, 0))).toBeUndefined();
  });

  it('names the field, both counts and skipped tests', () => {
    expect(hiddenTestCountProblem(exercise, run(12, 11))).toBe(
      'exercise.json: "hiddenTestCount" is 10, but tests/hidden/ has 12 test(s) (1 of them skipped: hidden tests may not be skipped, so remove .skip/.todo): ' +
        'set "hiddenTestCount": 12. The grader refuses any run whose count differs, so until then every submission errors',
    );
    expect(hiddenTestCountProblem(exercise, run(10, 9))).toBe(
      'tests/hidden/ has 1 skipped test(s): hidden tests may not be skipped, so remove .skip/.todo (the grader refuses a run in which fewer than exercise.json\'s "hiddenTestCount", 10, ran)',
    );
  });
});
