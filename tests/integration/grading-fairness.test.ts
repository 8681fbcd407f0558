// Fair grading under abuse, over real HTTP and the real grader with two workers: a hostile learner
// submitting an infinite loop every second cannot stall an honest learner's grading. The hostile one
// gets one submission in the system at a time (409 while one is queued or running) and then waits
// out their time budget (429 with Retry-After); the honest learner's p95 stays near a normal grade.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const EXERCISE = 's1-project-entity';
const solution = readFileSync(join(ROOT, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');
const loop = `while (true) {}\n${solution}`;
const DURATION_MS = 25_000;

let server: RunningServer;
let hostile: HttpClient;
let honest: HttpClient;

beforeAll(async () => {
  server = await startServer({ GRADER_POOL_SIZE: '2', GRADER_BUDGET_SECONDS: '20' });
  hostile = server.client();
  await hostile.signUp('mallory@example.com', 'Mallory');
  honest = server.client();
  await honest.signUp('alice@example.com', 'Alice');
  // warm both workers
  expect((await honest.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } })).status).toBe(200);
}, 120_000);
afterAll(() => server?.stop());

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Infinity;
}

describe('grading fairness', () => {
  it('keeps an honest learner fast while another submits an infinite loop every second', { timeout: 120_000 }, async () => {
    const hostileStatuses: number[] = [];
    const retryAfter: string[] = [];
    const honestMs: number[] = [];
    const until = Date.now() + DURATION_MS;

    const attacker = (async () => {
      const pending: Promise<void>[] = [];
      while (Date.now() < until) {
        pending.push(
          hostile.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': loop } }).then(async (res) => {
            hostileStatuses.push(res.status);
            if (res.status === 429 || res.status === 409) retryAfter.push(res.headers.get('retry-after') ?? '');
            await res.body?.cancel();
          }),
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
      await Promise.all(pending);
    })();

    const learner = (async () => {
      await new Promise((r) => setTimeout(r, 1500)); // the attack is under way
      while (Date.now() < until) {
        const started = performance.now();
        const res = await honest.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { status: string }).status).toBe('pass');
        honestMs.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 700));
      }
    })();

    await Promise.all([attacker, learner]);

    // The attacker got some runs (each timing out), was refused the rest with a reason and a wait.
    expect(hostileStatuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(hostileStatuses.filter((s) => s === 409 || s === 429).length).toBeGreaterThan(hostileStatuses.length / 2);
    expect(retryAfter.every((v) => /^\d+$/.test(v))).toBe(true);
    expect(hostileStatuses.every((s) => s === 200 || s === 409 || s === 429)).toBe(true);
    // The honest learner never waited behind the loops: p95 far below one 10 s time limit.
    expect(honestMs.length).toBeGreaterThanOrEqual(10);
    expect(p95(honestMs), `honest grading times (ms): ${honestMs.map(Math.round).join(', ')}`).toBeLessThan(2500);
  });
});
