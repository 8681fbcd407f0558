// What happens to submissions under pressure, over real HTTP and the real grader: a full queue
// answers 429 with Retry-After and stores nothing for the refused request; a server killed
// mid-grade leaves a stored submission that the next start marks as an error — never lost.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getSubmissionsFor } from '../helpers/db.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { usesPostgres } from '../helpers/test-database.ts';

const EXERCISE = 's1-project-entity';
const solution = readFileSync(join(ROOT, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');
/** The reference solution, made to take about `ms` to load. */
const slow = (ms: number) => `const until = Date.now() + ${ms};\nwhile (Date.now() < until) { /* busy */ }\n${solution}`;
/** The grader work folders (copies of hidden tests live there while grading) of process `pid`. */
const workDirsOf = (pid: number): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith(`practicum-grader-${pid}-`)).map((n) => join(tmpdir(), n));
const servers: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('grading under pressure', () => {
  // The embedded mode's in-process grading queue, its crash recovery and grading folder: in the cluster
  // mode grading is the workers' (tests/integration/cluster.test.ts), so integration-pg runs only the 409 here.
  const embeddedOnly = usesPostgres();
  it.skipIf(embeddedOnly)('refuses work beyond the queue with 429 and Retry-After, keeping only accepted submissions', async () => {
    const server = await startServer({ GRADER_POOL_SIZE: '1', GRADER_QUEUE_LIMIT: '1' });
    servers.push(server);
    // three learners (one learner may only have one submission in the queue at a time)
    const learners = await Promise.all(
      ['busy-1', 'busy-2', 'busy-3'].map(async (name) => {
        const client = server.client();
        await client.signUp(`${name}@example.com`, name);
        return client;
      }),
    );
    // Warm the grader so all three requests meet a running pool.
    expect((await learners[0]!.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } })).status).toBe(200);
    const responses = await Promise.all(
      learners.map(async (learner, i) => {
        await new Promise((r) => setTimeout(r, i * 150));
        return learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': slow(1500) } });
      }),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const refused = responses.find((r) => r.status === 429);
    // how the estimate follows the real backlog is unit-tested with a controlled clock (slot-queue.test.ts)
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused?.json()) as { error: { code: string } }).error.code).toBe('grader_busy');
    const stored = (await Promise.all(['busy-1', 'busy-2', 'busy-3'].map((name) => getSubmissionsFor(server.dataDir, `${name}@example.com`, EXERCISE)))).flat();
    expect(stored).toHaveLength(3);
  });

  it('tells a learner whose previous submission is still being graded to wait for it (409)', async () => {
    const server = await startServer({ GRADER_POOL_SIZE: '1' });
    servers.push(server);
    const learner = server.client();
    await learner.signUp('twice@example.com', 'Twice');
    const first = learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': slow(3000) } });
    // the first is stored (queued) and with the grader before the second is sent
    await expect.poll(async () => (await getSubmissionsFor(server.dataDir, 'twice@example.com', EXERCISE)).map((s) => s.status), { timeout: 10_000 }).toEqual(['queued']);
    await new Promise((r) => setTimeout(r, 300)); // from the stored row to the grader's queue
    const second = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } });
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await second.json()) as { error: { code: string; message: string } }).error.message).toMatch(/still being graded/);
    expect((await first).status).toBe(200);
    // refused before it was stored: only the first submission exists
    expect(await getSubmissionsFor(server.dataDir, 'twice@example.com', EXERCISE)).toHaveLength(1);
  });

  it.skipIf(embeddedOnly)('keeps a submission cut off by a crash and marks it as an error on the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'practicum-crash-'));
    dirs.push(dataDir);
    const first = await startServer({ DATA_DIR: dataDir });
    const learner = first.client();
    await learner.signUp('crash@example.com', 'Crash');
    const pending = learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': slow(8000) } }).catch(() => null);
    await expect.poll(async () => (await getSubmissionsFor(dataDir, 'crash@example.com', EXERCISE)).map((s) => s.status), { timeout: 10_000 }).toEqual(['queued']);
    const leftBehind = workDirsOf(first.pid);
    expect(leftBehind).toHaveLength(1);
    await first.crash();
    expect(await pending).toBeNull();
    expect(leftBehind.every((d) => existsSync(d))).toBe(true);

    const second = await startServer({ DATA_DIR: dataDir });
    servers.push(second);
    // removed at start-up, before any grading: hidden tests do not outlive a crash
    expect(leftBehind.filter((d) => existsSync(d))).toEqual([]);
    const rows = await getSubmissionsFor(dataDir, 'crash@example.com', EXERCISE);
    expect(rows.map((s) => s.status)).toEqual(['error']);
    expect(rows[0]?.files).toContain('busy');
    const again = second.client();
    await again.logIn('crash@example.com', 'correct-horse-battery');
    const view = (await (await again.get(`/api/exercises/${EXERCISE}`)).json()) as { lastResult: { status: string; message: string } };
    expect(view.lastResult.status).toBe('error');
    expect(view.lastResult.message).toMatch(/interrupted/);
  });

  it.skipIf(embeddedOnly)('removes its grading folder when it is stopped (SIGTERM)', async () => {
    const server = await startServer();
    const learner = server.client();
    await learner.signUp('stop@example.com', 'Stop');
    expect((await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } })).status).toBe(200);
    const dirs = workDirsOf(server.pid);
    expect(dirs).toHaveLength(1);
    await server.stop();
    expect(dirs.filter((d) => existsSync(d))).toEqual([]);
  });
});
