// The grade CLI (scripts/grade.ts) run as a real process against the fixture exercises: exit
// codes (0 pass, 1 fail, 2 usage), the readable report and the --json output.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGradeResult } from '../../src/lib/grade-result.ts';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures');
const exercises = join(fixtures, 'exercises');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function grade(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/grade.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run grade', () => {
  it('passes the reference solution with exit code 0 and a per-test report', async () => {
    const run = await grade('--exercise', 'fx-sum', '--dir', join(fixtures, 'solutions/fx-sum'), '--exercises', exercises);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('fx-sum: PASS');
    expect(run.stdout).toContain('✓ sum > adds negative numbers (task 1)');
    expect(run.stdout).toMatch(/3\/3 passed, 3 of 3 expected tests ran, score 1/);
  });

  it('prints the GradeResult JSON with --json and exits 1 when the tests fail', async () => {
    const run = await grade('--exercise', 'fx-sum', '--dir', join(exercises, 'fx-sum/starter'), '--exercises', exercises, '--json');
    expect(run.code, run.stderr).toBe(1);
    const result: unknown = JSON.parse(run.stdout);
    expect(isGradeResult(result)).toBe(true);
    expect(result).toMatchObject({ status: 'fail', executed: 3, expected: 3, score: 0 });
    expect(run.stderr).toContain('✗ sum > adds two numbers');
  });

  it('exits 2 with a clear message for an unknown exercise, a missing folder or a missing option', async () => {
    const unknown = await grade('--exercise', 'no-such-exercise', '--dir', join(fixtures, 'solutions/fx-sum'), '--exercises', exercises);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown exercise "no-such-exercise"');
    const missing = await grade('--exercise', 'fx-sum', '--dir', join(fixtures, 'no-such-folder'), '--exercises', exercises);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--dir .*no-such-folder: no such folder/);
    const noDir = await grade('--exercise', 'fx-sum');
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('--dir <path> is required');
    const empty = await grade('--exercise', 'fx-sum', '--dir', join(fixtures, 'golden'), '--exercises', exercises);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('has none of the files to grade: src/sum.ts');
  });

  it('exits 2 when the result is an error (the code does not compile)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grade-cli-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src/sum.ts'), 'export function sum(a: number, b: number) { return a + ; }\n');
      const run = await grade('--exercise', 'fx-sum', '--dir', dir, '--exercises', exercises, '--json');
      expect(run.code, run.stderr).toBe(2);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'error' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
