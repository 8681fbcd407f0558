// Stale grader work folders (they hold copies of hidden tests) are removed; live ones are kept.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createWorkDir, removeStaleWorkDirs } from '../../../src/server/grader/work-dirs.ts';

const root = mkdtempSync(join(tmpdir(), 'work-dirs-test-'));
const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
afterAll(() => {
  sleeper.kill();
  rmSync(root, { recursive: true, force: true });
});

function folder(name: string): string {
  const dir = join(root, name, 'runs', 'r1', 'tests', 'hidden');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'secret.test.ts'), '// hidden');
  return join(root, name);
}

it('removes folders of dead grader processes and of older builds, keeps live ones and anything else', async () => {
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  expect(dead).toBeGreaterThan(0);
  const ofDead = folder(`practicum-grader-${dead}-abc123`);
  const legacy = folder('practicum-grader-Xy12Za');
  const ofLive = folder(`practicum-grader-${sleeper.pid}-def456`);
  const own = await createWorkDir(root);
  const unrelated = folder('practicum-srv-abc123');

  const removed = await removeStaleWorkDirs(root);

  expect(removed.sort()).toEqual([legacy, ofDead].sort());
  expect(existsSync(ofDead)).toBe(false);
  expect(existsSync(legacy)).toBe(false);
  expect(existsSync(ofLive)).toBe(true);
  expect(existsSync(own)).toBe(true);
  expect(own).toMatch(new RegExp(`practicum-grader-${process.pid}-[A-Za-z0-9]{6}$`));
  expect(existsSync(unrelated)).toBe(true);
});
