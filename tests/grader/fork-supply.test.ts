// The sandbox pool's worker when its child dies under it (a limit, a cancel): vitest may still be
// posting to the child, and those writes fail with EPIPE before the child's 'exit' is seen. That must
// never surface as an error without a listener (it would throw in the server) nor as an error after
// the child has exited (its exit is what reports the end of the run).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { PoolOptions, PoolWorker, WorkerRequest } from 'vitest/node';
import { ForkSupply } from '../../src/server/grader/fork-supply.ts';

let dir: string | undefined;
let supply: ForkSupply | undefined;
afterEach(() => {
  supply?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A pool worker whose child is a tiny stand-in for vitest's worker: it idles until killed. */
async function startedWorker(): Promise<{ worker: PoolWorker; pid: number }> {
  dir = mkdtempSync(join(tmpdir(), 'practicum-fork-supply-'));
  mkdirSync(join(dir, 'workers'));
  writeFileSync(join(dir, 'workers/forks.js'), "process.on('message', () => {}); setInterval(() => {}, 1000);\n");
  supply = new ForkSupply(0);
  const worker = supply.initializer().createPoolWorker({ distPath: dir, execArgv: [] } as unknown as PoolOptions);
  await worker.start();
  const [pid] = supply.runningPids();
  if (pid === undefined) throw new Error('the child did not start');
  return { worker, pid };
}

const request = { __vitest_worker_request__: true, type: 'cancel' } as unknown as WorkerRequest;

it('drops write errors into a child that was killed, with or without an error listener', async () => {
  const { worker, pid } = await startedWorker();
  const errors: unknown[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    const exited = new Promise<void>((done) => worker.on('exit', () => done()));
    process.kill(pid, 'SIGKILL');
    // keep posting until the exit is seen, as vitest's RPC does while a run is torn down
    let sends = 0;
    let gone = false;
    void exited.then(() => (gone = true));
    while (!gone) {
      worker.send(request);
      sends++;
      await new Promise((r) => setImmediate(r));
    }
    worker.on('error', (e: unknown) => void errors.push(e));
    for (let i = 0; i < 20; i++) worker.send(request);
    await new Promise((r) => setTimeout(r, 1200));
    expect(sends).toBeGreaterThan(0);
    expect(uncaught).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});
