// `npm run content:check` as a real process: its exit code is its verdict. The grading proofs run
// vitest inside the content:check process, and vitest sets process.exitCode = 1 whenever a run has
// failing tests — which every starter proof has on purpose — so a clean run used to print "passed"
// and exit 1. Grading one exercise (--exercise) reproduces that cheaply.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function contentCheck(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/content-check.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm run content:check', () => {
  it('exits 0 when it prints "passed" after grading (a starter failing its tests inside the process included)', { timeout: 180_000 }, async () => {
    const run = await contentCheck('--exercise', 's1-project-entity');
    expect(run.output, 'the course content itself must be clean for this test').toContain('✓ exercise s1-project-entity');
    expect(run.output).toContain('content:check passed (graded only s1-project-entity).');
    expect(run.code, run.output).toBe(0);
  });

  it('exits 1 when it finds a problem', async () => {
    const run = await contentCheck('--no-grade', '--exercise', 'no-such-exercise');
    expect(run.output).toContain('exercises/: --exercise no-such-exercise: there is no valid exercise "no-such-exercise"');
    expect(run.output).toMatch(/content:check found \d+ problem\(s\)/);
    expect(run.code).toBe(1);
  });

  it('exits 1 on an unknown option, naming it', async () => {
    const run = await contentCheck('--grade-everything');
    expect(run.output).toContain('unknown option --grade-everything');
    expect(run.code).toBe(1);
  });
});
