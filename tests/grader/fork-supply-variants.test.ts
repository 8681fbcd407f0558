// Children of another kind for one run (fork-supply.ts ChildVariant: a coverage run's children get
// the inspector and the probe's key): started ahead with prestart() they boot while a plain run
// executes, that run leaves them alone, the variant's own run takes them, and whatever it did not
// use is stopped when it ends — or when the run never comes. Plain runs never get a variant child.
// Children are told apart by a node option no other process on the machine has.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { PoolOptions } from 'vitest/node';
import { ForkSupply, type ChildVariant } from '../../src/server/grader/fork-supply.ts';

let dir: string | undefined;
let supply: ForkSupply | undefined;
afterEach(() => {
  supply?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A supply whose children are tiny stand-ins for vitest's worker that idle until killed. */
function standInSupply(): ForkSupply {
  dir = mkdtempSync(join(tmpdir(), 'practicum-fork-variants-'));
  mkdirSync(join(dir, 'workers'));
  writeFileSync(join(dir, 'workers/forks.js'), "process.on('message', () => {}); setInterval(() => {}, 1000);\n");
  supply = new ForkSupply(1);
  supply.initializer().createPoolWorker({ distPath: dir, execArgv: ['--max-old-space-size=64'] } as unknown as PoolOptions);
  supply.refill();
  return supply;
}

/** A variant whose children carry a stack size no other process here uses. */
function markedVariant(): { variant: ChildVariant; mark: string } {
  const mark = `--stack-size=${900 + randomInt(90_000)}`;
  return { variant: { execArgv: [mark], env: { PRACTICUM_TEST_VARIANT: mark } }, mark };
}

/** Live processes started with `mark` (zombies excluded). */
function pidsWith(mark: string): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .filter((line) => line.includes(mark) && !/^\s*\d+\s+Z/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const gone = async (mark: string): Promise<void> => {
  await expect.poll(() => pidsWith(mark), { timeout: 5000 }).toEqual([]);
};

it('prestarted children survive a plain run, serve their own run, and the one not used is stopped at its end', async () => {
  const s = standInSupply();
  const { variant, mark } = markedVariant();
  s.prestart(variant, 2);
  await expect.poll(() => pidsWith(mark).length, { timeout: 5000 }).toBe(2);
  const prestarted = pidsWith(mark);

  // a plain run in between takes a plain child and leaves the prestarted ones be
  s.beginRun(undefined, 1);
  const plain = s.take();
  expect(plain.spawnargs).not.toContain(mark);
  s.release(plain);
  plain.kill('SIGKILL'); // as vitest stops the worker it took (released children are no longer the supply's)
  s.endRun();
  expect(pidsWith(mark).sort()).toEqual([...prestarted].sort());

  // the variant's run takes a prestarted child: the pool's node options and the variant's
  s.beginRun(variant, 2);
  const taken: ChildProcess = s.take();
  expect(prestarted).toContain(taken.pid);
  expect(taken.spawnargs).toEqual(expect.arrayContaining(['--max-old-space-size=64', mark]));
  s.release(taken);
  taken.kill('SIGKILL');
  s.endRun();
  await gone(mark);
});

it('stops children prestarted for a run that does not come, and another variant starts its own', async () => {
  const s = standInSupply();
  const first = markedVariant();
  s.prestart(first.variant, 1);
  await expect.poll(() => pidsWith(first.mark).length, { timeout: 5000 }).toBe(1);
  s.dropPrepared();
  await gone(first.mark);

  // prestarted for one variant, then a run of another: the first's children go, the run gets its own
  s.prestart(first.variant, 1);
  const second = markedVariant();
  s.beginRun(second.variant, 1);
  await gone(first.mark);
  const child = s.take();
  expect(child.spawnargs).toContain(second.mark);
  s.release(child);
  child.kill('SIGKILL');
  s.endRun();
  await gone(second.mark);
});

it('a variant run on a slot vitest has not configured yet starts its children when the pool asks, not before', async () => {
  dir = mkdtempSync(join(tmpdir(), 'practicum-fork-variants-'));
  mkdirSync(join(dir, 'workers'));
  writeFileSync(join(dir, 'workers/forks.js'), "process.on('message', () => {}); setInterval(() => {}, 1000);\n");
  const s = new ForkSupply(1);
  supply = s;
  const { variant, mark } = markedVariant();
  // A recycled slot's first run: beginRun comes before vitest's createPoolWorker.
  expect(() => s.beginRun(variant, 2)).not.toThrow();
  expect(pidsWith(mark)).toEqual([]);
  s.initializer().createPoolWorker({ distPath: dir, execArgv: [] } as unknown as PoolOptions);
  const taken = s.take();
  expect(taken.spawnargs).toContain(mark);
  s.release(taken);
  taken.kill('SIGKILL');
  s.endRun();
  await gone(mark);
});
