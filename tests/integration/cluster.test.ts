// The cluster mode as real processes on one machine: one throw-away PostgreSQL, two web nodes and two
// grader workers (separate processes on loopback ports). A scripted cohort signs up and submits
// through both nodes; one worker is killed (SIGKILL) while it grades. Every acknowledged submission
// ends graded exactly once, none is lost, and the cohort report equals the one the same script
// gives on the embedded SQLite mode.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_SETTINGS } from '../../src/server/grader/queue/grading-jobs.ts';
import { testPostgres } from '../helpers/pg-cluster.ts';
import { comparableReport, runScriptedCohort, type Acknowledged } from '../helpers/scripted-cohort.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.ts';

const LEARNERS = 9;
const KEY_SECRET = 'cluster-test-key-secret-0123456789abcdef';

let cluster: Awaited<ReturnType<typeof testPostgres>>;
let url: string;
const servers: RunningServer[] = [];
const workers: WorkerProcess[] = [];

async function startWorker(name: string): Promise<WorkerProcess> {
  const worker = await startWorkerProcess(name, { DATABASE_URL: url, GRADER_POOL_SIZE: '1' });
  workers.push(worker);
  return worker;
}

async function instructorOn(server: RunningServer): Promise<HttpClient> {
  const made = server.script('scripts/user-create.ts', ['--email', 'owner@example.com', '--name', 'Owner', '--role', 'instructor'], 'staff-password-1\n');
  if (made.status !== 0) throw new Error(`user-create failed: ${made.stderr}`);
  const client = server.client();
  await client.logIn('owner@example.com', 'staff-password-1');
  return client;
}

async function report(instructor: HttpClient, cohortId: string): Promise<unknown> {
  const res = await instructor.get(`/api/cohorts/${cohortId}/report`);
  expect(res.status).toBe(200);
  return comparableReport(((await res.json()) as { report: unknown }).report);
}

beforeAll(async () => {
  cluster = await testPostgres();
  url = await cluster.createDatabase();
}, 120_000);

afterAll(async () => {
  for (const w of workers) await w.stop();
  for (const s of servers) await s.stop();
  await cluster?.stop();
}, 60_000);

describe('two web nodes and two grader workers on one PostgreSQL', () => {
  it('grades every acknowledged submission exactly once through a killed worker, and reports the cohort as the embedded mode does', async () => {
    const env = { DATABASE_URL: url, PRACTICUM_KEY_SECRET: KEY_SECRET, AUTH_SIGNUP_LIMIT: '500', GRADER_BUDGET_SECONDS: '600' };
    // the first node migrates; the second starts on the migrated database
    servers.push(await startServer(env));
    servers.push(await startServer(env));
    const pair = [await startWorker('A'), await startWorker('B')];
    const instructor = await instructorOn(servers[0]!);

    // learner 1's correct solution takes 6 s to load: long enough to kill the worker that holds it
    let killed: { id: string; worker: WorkerProcess } | undefined;
    const script = runScriptedCohort(ROOT, servers, instructor, { learners: LEARNERS, slowMs: (i) => (i === 0 ? 6_000 : 0) });
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    try {
      const deadline = Date.now() + 60_000;
      while (!killed && Date.now() < deadline) {
        const active = await activeSlowSubmission(watcher);
        const holder = active ? pair.find((w) => w.log.includes(`taking graded ${active}`)) : undefined;
        if (active && holder) {
          holder.child.kill('SIGKILL');
          killed = { id: active, worker: holder };
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await watcher.end();
    }
    const run = await script;
    expect(killed, `no worker was seen holding the slow submission:\n${pair.map((w) => w.log).join('\n')}`).toBeDefined();
    expect(await killed!.worker.exited).toBeNull();
    // the survivor finished the killed worker's job
    const survivor = pair.find((w) => w !== killed!.worker)!;
    // Killed while grading, the learner is answered by the survivor's run; killed after its result was
    // stored but before pg-boss heard the job was done, the learner is answered at once and the job is
    // handed to the survivor only when the dead worker's heartbeat is overdue. Either way the survivor
    // takes it and finishes it: wait the heartbeat, the monitor's second and room for a loaded machine.
    await expect
      .poll(() => survivor.log, { timeout: (QUEUE_SETTINGS.heartbeatSeconds + 50) * 1000, interval: 250 })
      .toContain(`done graded ${killed!.id}`);

    // every acknowledged submission: stored once, graded once, with the grade its code deserves
    const acknowledged: Acknowledged[] = run.acknowledged;
    expect(acknowledged).toHaveLength(LEARNERS + Math.ceil((LEARNERS * 2) / 3));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query<{ id: string; status: string; graded_at: string | null }>("SELECT id, status, graded_at FROM submissions WHERE exercise_id = 's1-project-entity'")).rows;
      expect(rows.map((r) => r.id).sort()).toEqual(acknowledged.map((a) => a.id).sort());
      for (const a of acknowledged) {
        const row = rows.find((r) => r.id === a.id)!;
        expect(row.status).toBe(a.status);
        expect(row.graded_at).not.toBeNull();
      }
      expect(acknowledged.filter((a) => a.status === 'pass')).toHaveLength(Math.ceil((LEARNERS * 2) / 3));
      // one job per submission; the one the killed worker held was run again, and completed once
      const gradingJobs = async () =>
        (await client.query<{ submission: string; state: string; retry_count: number }>(
          "SELECT data->>'submissionId' AS submission, state, retry_count FROM pgboss.job WHERE name = 'grading'",
        )).rows;
      // a worker tells pg-boss a job is done after it stored and announced the result: the last one may lag
      await expect.poll(async () => (await gradingJobs()).filter((j) => j.state !== 'completed').map((j) => `${j.submission}: ${j.state}`), { timeout: 15_000 }).toEqual([]);
      const jobs = await gradingJobs();
      expect(jobs.map((j) => j.submission).sort()).toEqual(acknowledged.map((a) => a.id).sort());
      expect(jobs.find((j) => j.submission === killed!.id)?.retry_count).toBeGreaterThanOrEqual(1);
      // worker time was charged once per stored result (a run killed before storing its result charges nothing)
      const usage = Number((await client.query('SELECT COUNT(*) AS n FROM grading_usage')).rows[0].n);
      expect(usage).toBe(acknowledged.length);
    } finally {
      await client.end();
    }
    const clusterReport = await report(instructor, run.cohortId);
    // the report is the cohort's: every learner of the script is in it
    for (let i = 1; i <= LEARNERS; i++) expect(JSON.stringify(clusterReport)).toContain(`Learner ${String(i).padStart(3, '0')}`);

    // the same script on the embedded mode
    const embedded = await startServer({ AUTH_SIGNUP_LIMIT: '500', GRADER_BUDGET_SECONDS: '600' });
    servers.push(embedded);
    const embeddedInstructor = await instructorOn(embedded);
    const alone = await runScriptedCohort(ROOT, [embedded], embeddedInstructor, { learners: LEARNERS });
    expect(clusterReport).toEqual(await report(embeddedInstructor, alone.cohortId));

    async function activeSlowSubmission(c: pg.Client): Promise<string | undefined> {
      const row = (await c.query<{ submission: string }>(
        "SELECT data->>'submissionId' AS submission FROM pgboss.job WHERE name = 'grading' AND state = 'active' AND data->>'owner' IN (SELECT id FROM users WHERE email = 'learner1@example.com')",
      )).rows[0];
      return row?.submission;
    }
  }, 300_000);
});
