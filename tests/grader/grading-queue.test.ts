// The cluster mode's grading queue with real parts: a throw-away PostgreSQL cluster, pg-boss, a grader
// worker with a real sandboxed slot, and the web node's side (admission, LISTEN/NOTIFY wait).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PgBoss } from 'pg-boss';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/db/migrate.ts';
import { openPostgresStore, type PostgresStore } from '../../src/server/db/postgres-store.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { createUser } from '../../src/server/db/users.ts';
import { BudgetExceededError, LearnerBusyError } from '../../src/server/grader/errors.ts';
import { GRADING_CHANNEL, GRADING_QUEUE, startBoss } from '../../src/server/grader/queue/grading-jobs.ts';
import { GradingNotices } from '../../src/server/grader/queue/grading-notices.ts';
import { startGradingWorker, type RunningWorker } from '../../src/server/grader/queue/grading-worker.ts';
import { QueuedGrading } from '../../src/server/grader/queue/queued-grading.ts';
import { outcomeOf } from '../../src/server/grader/outcome.ts';
import { errorResult } from '../../src/lib/grade-result.ts';
import { testPostgres } from '../helpers/pg-cluster.ts';
import { ROOT } from '../helpers/server.ts';

const EXERCISE = 's1-project-entity';
const solution = readFileSync(join(ROOT, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');
const slow = (ms: number) => `const until = Date.now() + ${ms};\nwhile (Date.now() < until) { /* busy */ }\n${solution}`;

let cluster: Awaited<ReturnType<typeof testPostgres>>;
let url: string;
let store: PostgresStore;
let workerBoss: PgBoss;
let webBoss: PgBoss;
let worker: RunningWorker;
let notices: GradingNotices;
let grading: QueuedGrading;

async function learner(name: string): Promise<string> {
  return (await createUser(store, { email: `${name}@example.com`, name, passwordHash: 'x' })).id;
}

async function statusOf(id: string): Promise<{ status: string; score: number | null; graded_at: number | null }> {
  return (await store.get('SELECT status, score, graded_at FROM submissions WHERE id = ?', id))!;
}

/** Listens on the grading channel for `key`: `listening` once LISTEN is in place, `heard` (the payload) when it is announced. */
function announcement(key: string): { listening: Promise<void>; heard: Promise<string> } {
  const client = new pg.Client({ connectionString: url });
  let hear!: (payload: string) => void;
  const heard = new Promise<string>((resolve) => (hear = resolve));
  client.on('notification', (m) => {
    if (m.payload === key) {
      hear(m.payload);
      void client.end();
    }
  });
  const listening = client.connect().then(async () => {
    await client.query(`LISTEN ${GRADING_CHANNEL}`);
  });
  return { listening, heard };
}

beforeAll(async () => {
  cluster = await testPostgres();
  url = await cluster.createDatabase();
  store = openPostgresStore(url, { max: 6 }).store;
  await migrate(store);
  workerBoss = await startBoss({ url, applicationName: 'test-worker', supervise: true });
  worker = await startGradingWorker({ store, boss: workerBoss, projectRoot: ROOT, slots: 1 });
  webBoss = await startBoss({ url, applicationName: 'test-web', supervise: false });
  notices = new GradingNotices(url);
  grading = new QueuedGrading({ store, boss: webBoss, notices, waitMs: 60_000 });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await notices?.close();
  await webBoss?.stop({ graceful: false });
  await workerBoss?.stop({ graceful: false });
  await store?.close();
  await cluster?.stop();
}, 60_000);

describe('the grading queue', () => {
  it('grades a stored submission on a worker and stores its result once', async () => {
    const ada = await learner('ada');
    const id = await insertQueuedSubmission(store, { userId: ada, exerciseId: EXERCISE, files: { 'src/project.ts': solution } });
    await grading.gradeStored(id, { exerciseId: EXERCISE, variant: null, owner: ada, priority: 'practice' });
    const graded = await statusOf(id);
    expect(graded).toMatchObject({ status: 'pass', score: 1 });
    // a second result for the same submission (a retried job) lands nowhere
    expect(await completeSubmission(store, id, outcomeOf(errorResult('late', { durationMs: 0, expected: 0 }), true))).toBe(false);
    expect(await statusOf(id)).toEqual(graded);
    // the worker time was counted against the learner's budget
    expect((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM grading_usage WHERE owner = ?', ada))!.n).toBe(1);
  });

  it('does not grade again a submission whose result is already stored, and still announces it', async () => {
    const bob = await learner('bob');
    const id = await insertQueuedSubmission(store, { userId: bob, exerciseId: EXERCISE, files: { 'src/project.ts': solution } });
    await completeSubmission(store, id, outcomeOf(errorResult('graded elsewhere', { durationMs: 0, expected: 0 }), false));
    const announced = announcement(id);
    await announced.listening;
    await webBoss.send(GRADING_QUEUE, { kind: 'graded', submissionId: id, exerciseId: EXERCISE, variant: null, owner: bob }, { singletonKey: bob });
    expect(await announced.heard).toBe(id);
    expect((await statusOf(id)).status).toBe('error');
    expect((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM grading_usage WHERE owner = ?', bob))!.n).toBe(0);
  });

  it('charges worker time only with a result its own run stored: a run another finished first charges nothing', async () => {
    const hal = await learner('hal');
    const id = await insertQueuedSubmission(store, { userId: hal, exerciseId: EXERCISE, files: { 'src/project.ts': slow(1500) } });
    const announced = announcement(id);
    await announced.listening;
    await webBoss.send(GRADING_QUEUE, { kind: 'graded', submissionId: id, exerciseId: EXERCISE, variant: null, owner: hal }, { singletonKey: hal });
    // while this worker grades, another one (whose job had been handed over) stores its result first
    await expect.poll(async () => (await webBoss.findJobs(GRADING_QUEUE, { key: hal })).map((j) => j.state), { timeout: 20_000 }).toEqual(['active']);
    // taken, its files read, its code busy for 1.5 s in the sandbox
    await new Promise((r) => setTimeout(r, 400));
    expect(await completeSubmission(store, id, outcomeOf(errorResult('graded elsewhere', { durationMs: 0, expected: 0 }), false))).toBe(true);
    await store.run('INSERT INTO grading_usage (owner, finished_at, ms) VALUES (?, ?, ?)', hal, Date.now(), 1_200);
    await announced.heard;
    // the first result stands, and the learner is charged for one run, not two
    expect((await statusOf(id)).status).toBe('error');
    expect((await store.all<{ ms: number }>('SELECT ms FROM grading_usage WHERE owner = ?', hal)).map((r) => r.ms)).toEqual([1_200]);
  });

  it('runs a test run again only while its result is not stored: a retry after the result announces it and charges nothing', async () => {
    const ivy = await learner('ivy');
    const runId = `run-${ivy}`;
    await store.run('INSERT INTO grading_results (run_id, result, created_at) VALUES (?, ?, ?)', runId, JSON.stringify({ stored: 'first' }), Date.now());
    const announced = announcement(runId);
    await announced.listening;
    await webBoss.send(GRADING_QUEUE, { kind: 'visible', runId, exerciseId: EXERCISE, variant: null, owner: ivy, files: { 'src/project.ts': solution } }, { singletonKey: ivy });
    await announced.heard;
    expect(await store.get('SELECT result FROM grading_results WHERE run_id = ?', runId)).toEqual({ result: JSON.stringify({ stored: 'first' }) });
    expect((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM grading_usage WHERE owner = ?', ivy))!.n).toBe(0);
    await store.run('DELETE FROM grading_results WHERE run_id = ?', runId);
  });

  it('keeps one run per learner across the queue: a second is refused while the first waits or runs', async () => {
    const cy = await learner('cy');
    const dee = await learner('dee');
    const first = await insertQueuedSubmission(store, { userId: cy, exerciseId: EXERCISE, files: { 'src/project.ts': slow(1500) } });
    const running = grading.gradeStored(first, { exerciseId: EXERCISE, variant: null, owner: cy, priority: 'practice' });
    await new Promise((r) => setTimeout(r, 200));
    const second = await insertQueuedSubmission(store, { userId: cy, exerciseId: EXERCISE, files: { 'src/project.ts': solution } });
    await expect(grading.gradeStored(second, { exerciseId: EXERCISE, variant: null, owner: cy, priority: 'practice' })).rejects.toBeInstanceOf(LearnerBusyError);
    // another learner is not held up by it
    const other = await insertQueuedSubmission(store, { userId: dee, exerciseId: EXERCISE, files: { 'src/project.ts': solution } });
    await grading.gradeStored(other, { exerciseId: EXERCISE, variant: null, owner: dee, priority: 'practice' });
    await running;
    expect((await statusOf(first)).status).toBe('pass');
    expect((await statusOf(second)).status).toBe('queued');
  });

  it('refuses a learner over the budget of worker time with the seconds to wait', async () => {
    const eve = await learner('eve');
    const now = Date.now();
    await store.run('INSERT INTO grading_usage (owner, finished_at, ms) VALUES (?, ?, ?), (?, ?, ?)', eve, now - 50_000, 20_000, eve, now - 1_000, 15_000);
    const id = await insertQueuedSubmission(store, { userId: eve, exerciseId: EXERCISE, files: { 'src/project.ts': solution } });
    const refused = await grading.gradeStored(id, { exerciseId: EXERCISE, variant: null, owner: eve, priority: 'practice' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    // 35 s used in the last minute; the 20 s run leaves the window in about 10 s
    expect((refused as BudgetExceededError).retryAfterSeconds).toBeGreaterThanOrEqual(9);
    expect((refused as BudgetExceededError).retryAfterSeconds).toBeLessThanOrEqual(11);
  });

  it('runs the visible tests on a worker without storing them', async () => {
    const fay = await learner('fay');
    const result = await grading.runVisible({ 'src/project.ts': solution }, { exerciseId: EXERCISE, variant: null, owner: fay, priority: 'practice' });
    expect(result.status).toBe('pass');
    expect(result.tests.every((t) => t.name.includes('visible'))).toBe(true);
    expect((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM grading_results'))!.n).toBe(0);
    expect((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM submissions WHERE user_id = ?', fay))!.n).toBe(0);
  });

  it('admits a learner who resubmits while their previous run is finishing, and refuses one whose run goes on', async () => {
    // the worker is paused so this test holds the learner's job itself: taken (active), its result stored,
    // and pg-boss told it is complete a moment later, as a worker does
    await worker.stop();
    let restarted = false;
    try {
      const gus = await learner('gus');
      const before = await insertQueuedSubmission(store, { userId: gus, exerciseId: EXERCISE, files: { 'src/project.ts': solution } });
      await webBoss.send(GRADING_QUEUE, { kind: 'graded', submissionId: before, exerciseId: EXERCISE, variant: null, owner: gus }, { singletonKey: gus });
      const [held] = await webBoss.fetch(GRADING_QUEUE);
      expect(held?.data).toMatchObject({ submissionId: before });
      const next = await insertQueuedSubmission(store, { userId: gus, exerciseId: EXERCISE, files: { 'src/project.ts': solution } });
      // never completed: refused once the moment has passed
      await expect(grading.gradeStored(next, { exerciseId: EXERCISE, variant: null, owner: gus, priority: 'practice' })).rejects.toBeInstanceOf(LearnerBusyError);
      // completed 100 ms after the resubmission: admitted, and graded once a worker is back
      setTimeout(() => void webBoss.complete(GRADING_QUEUE, held!.id), 100);
      const admitted = grading.gradeStored(next, { exerciseId: EXERCISE, variant: null, owner: gus, priority: 'practice' });
      await new Promise((r) => setTimeout(r, 400));
      worker = await startGradingWorker({ store, boss: workerBoss, projectRoot: ROOT, slots: 1 });
      restarted = true;
      await admitted;
      expect((await statusOf(next)).status).toBe('pass');
    } finally {
      if (!restarted) worker = await startGradingWorker({ store, boss: workerBoss, projectRoot: ROOT, slots: 1 });
    }
  });
});

describe('waiting for a result on the grading channel', () => {
  it('returns at once for a result stored before the wait, times out otherwise, and hears notices after a lost connection', async () => {
    const waiter = new GradingNotices(url);
    try {
      await waiter.wait('already', async () => true, { timeoutMs: 1_000 });
      await expect(waiter.wait('never', async () => false, { timeoutMs: 300 })).rejects.toThrow(/no grading result for never/);
      let ready = false;
      const waiting = waiter.wait('later', async () => ready, { timeoutMs: 20_000 });
      // the listening connection is cut (a database restart, a proxy timeout)
      await store.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'practicum-grading-notices' AND datname = current_database()");
      await new Promise((r) => setTimeout(r, 1_500));
      ready = true;
      await store.run('SELECT pg_notify(?, ?)', GRADING_CHANNEL, 'later');
      await waiting;
    } finally {
      await waiter.close();
    }
  });
});
