// What happens to submissions under pressure, over real HTTP and the real grader: a full queue
// answers 429 with Retry-After and stores nothing for the refused request; a server killed
// mid-grade leaves a stored submission that the next start marks as an error — never lost.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getSubmissionsFor } from '../helpers/db.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const EXERCISE = 's1-project-entity';
const solution = readFileSync(join(ROOT, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');
/** The reference solution, made to take about `ms` to load. */
const slow = (ms: number) => `const until = Date.now() + ${ms};\nwhile (Date.now() < until) { /* busy */ }\n${solution}`;
const servers: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('grading under pressure', () => {
  it('refuses work beyond the queue with 429 and Retry-After, keeping only accepted submissions', async () => {
    const server = await startServer({ GRADER_POOL_SIZE: '1', GRADER_QUEUE_LIMIT: '1' });
    servers.push(server);
    const learner = server.client();
    await learner.signUp('busy@example.com', 'Busy');
    // Warm the grader so all three requests meet a running pool.
    expect((await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } })).status).toBe(200);
    const responses = await Promise.all(
      [0, 150, 300].map(async (delay) => {
        await new Promise((r) => setTimeout(r, delay));
        return learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': slow(1500) } });
      }),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const refused = responses.find((r) => r.status === 429);
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused?.json()) as { error: { code: string } }).error.code).toBe('grader_busy');
    expect(getSubmissionsFor(server.dataDir, 'busy@example.com', EXERCISE)).toHaveLength(3);
  });

  it('keeps a submission cut off by a crash and marks it as an error on the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'practicum-crash-'));
    dirs.push(dataDir);
    const first = await startServer({ DATA_DIR: dataDir });
    const learner = first.client();
    await learner.signUp('crash@example.com', 'Crash');
    const pending = learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': slow(8000) } }).catch(() => null);
    await expect.poll(() => getSubmissionsFor(dataDir, 'crash@example.com', EXERCISE).map((s) => s.status), { timeout: 10_000 }).toEqual(['queued']);
    await first.crash();
    expect(await pending).toBeNull();

    const second = await startServer({ DATA_DIR: dataDir });
    servers.push(second);
    const rows = getSubmissionsFor(dataDir, 'crash@example.com', EXERCISE);
    expect(rows.map((s) => s.status)).toEqual(['error']);
    expect(rows[0]?.files).toContain('busy');
    const again = second.client();
    await again.logIn('crash@example.com', 'correct-horse-battery');
    const view = (await (await again.get(`/api/exercises/${EXERCISE}`)).json()) as { lastResult: { status: string; message: string } };
    expect(view.lastResult.status).toBe('error');
    expect(view.lastResult.message).toMatch(/interrupted/);
  });
});
