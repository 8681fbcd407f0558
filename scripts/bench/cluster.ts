// `npm run bench -- --cluster`: grading throughput of the cluster mode (one web node, PostgreSQL,
// 1 and 2 grader worker processes of one slot each) beside the embedded mode's (one process, a pool
// of as many slots), under the same load: learners submitting the reference solution one after
// another, many learners at once; then the exam day (exam-day.ts) in both modes. Everything runs on this machine, so the cluster's figures pay for
// PostgreSQL and the queue on the same cores the workers grade on.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openStore } from '../../src/server/db/open.ts';
import { runExamDay, seedExamCandidates, type ExamDayResult } from './exam-day.ts';
import { startPgCluster } from '../../tests/helpers/pg-cluster.ts';
import { startServer, type HttpClient, type RunningServer } from '../../tests/helpers/server.ts';
import { startWorkerProcess, type WorkerProcess } from '../../tests/helpers/worker-process.ts';
import { percentile } from './stats.ts';

/** A run with errors keeps what its web nodes printed, to read afterwards (.tmp/bench/<name>-<n>.log). */
function keepLogs(name: string, servers: RunningServer[]): void {
  const dir = join(process.cwd(), '.tmp/bench');
  mkdirSync(dir, { recursive: true });
  servers.forEach((server, n) => writeFileSync(join(dir, `${name}-${n + 1}.log`), server.output()));
  console.log(`  (the web nodes' output is in .tmp/bench/${name}-*.log)`);
}

const EXERCISE = 's1-project-entity';
const LEARNERS = 8;
const PER_LEARNER = 6;
const KEY_SECRET = 'bench-cluster-key-secret-0123456789abcdef';

export interface ThroughputRow {
  mode: string;
  slots: number;
  perSecond: number;
  p95Ms: number;
  errors: number;
  errorSamples: string[];
}

async function load(server: RunningServer, solution: string): Promise<{ perSecond: number; p95Ms: number; errors: number; errorSamples: string[] }> {
  const learners: HttpClient[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const client = server.client();
    await client.signUp(`bench-${i}-${Date.now()}@example.com`, `Bench ${i}`);
    learners.push(client);
  }
  const submit = async (client: HttpClient) => {
    const started = performance.now();
    const res = await client.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } });
    const body = await res.text();
    const ok = res.status === 200 && (JSON.parse(body) as { status?: string }).status === 'pass';
    return { ok, ms: performance.now() - started, what: `${res.status} ${body.slice(0, 300)}` };
  };
  // warm every slot before timing
  await Promise.all(learners.map(submit));
  const times: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    learners.map(async (client) => {
      for (let i = 0; i < PER_LEARNER; i++) {
        const run = await submit(client);
        times.push(run.ms);
        if (!run.ok) {
          errors++;
          if (errorSamples.length < 3) errorSamples.push(run.what);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: (LEARNERS * PER_LEARNER) / seconds, p95Ms: percentile(times, 95), errors, errorSamples };
}

export async function benchClusterThroughput(root: string): Promise<ThroughputRow[]> {
  const solution = readFileSync(join(root, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');
  const rows: ThroughputRow[] = [];
  const common = { AUTH_SIGNUP_LIMIT: '1000', GRADER_BUDGET_SECONDS: '600' };
  for (const slots of [1, 2]) {
    const embedded = await startServer({ ...common, GRADER_POOL_SIZE: String(slots) });
    try {
      rows.push({ mode: 'embedded (one process)', slots, ...(await load(embedded, solution)) });
    } finally {
      await embedded.stop();
    }
  }
  const cluster = await startPgCluster();
  try {
    for (const workers of [1, 2]) {
      const url = await cluster.createDatabase();
      const web = await startServer({ ...common, DATABASE_URL: url, PRACTICUM_KEY_SECRET: KEY_SECRET });
      const started: WorkerProcess[] = [];
      try {
        for (let i = 0; i < workers; i++) started.push(await startWorkerProcess(`bench-${i}`, { DATABASE_URL: url, GRADER_POOL_SIZE: '1' }));
        rows.push({ mode: `cluster (PostgreSQL, ${workers} worker process${workers === 1 ? '' : 'es'})`, slots: workers, ...(await load(web, solution)) });
      } finally {
        for (const w of started) await w.stop();
        await web.stop();
      }
    }
  } finally {
    await cluster.stop();
  }
  return rows;
}

export function formatClusterThroughput(rows: ThroughputRow[]): string {
  const lines = [`Grading throughput, ${LEARNERS} learners × ${PER_LEARNER} submissions of the reference solution (${EXERCISE}):`];
  for (const r of rows) {
    lines.push(`  ${r.mode}, ${r.slots} slot${r.slots === 1 ? '' : 's'}: ${r.perSecond.toFixed(2)} submissions/s, round trip p95 ${Math.round(r.p95Ms)} ms, ${r.errors} errors`);
    for (const sample of r.errorSamples) lines.push(`    error: ${sample}`);
  }
  const one = rows.find((r) => r.mode.startsWith('cluster') && r.slots === 1);
  const two = rows.find((r) => r.mode.startsWith('cluster') && r.slots === 2);
  if (one && two) lines.push(`  a second worker: ×${(two.perSecond / one.perSecond).toFixed(2)}`);
  return lines.join('\n');
}

/**
 * The exam day in both modes: the embedded mode (one process, a grading pool of two slots) and the
 * cluster (PostgreSQL, two web nodes, two worker processes of one slot), same candidates and window.
 */
export async function benchExamDay(root: string, candidates: number, windowSeconds: number): Promise<ExamDayResult[]> {
  const tasks = ['cert-release-entity', 'cert-leaky-service', 'cert-bulk-status', 'cert-code-review'];
  const common = { GRADER_BUDGET_SECONDS: '600', AUTH_SIGNUP_LIMIT: '1000' };
  const rows: ExamDayResult[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'practicum-exam-day-'));
  try {
    const db = openDatabase(join(dataDir, 'practicum.sqlite'));
    const emails = await seedExamCandidates(root, db, candidates);
    await db.close();
    const server = await startServer({ ...common, DATA_DIR: dataDir, GRADER_POOL_SIZE: '2' });
    try {
      const row = await runExamDay('embedded (one process, 2 slots)', [server], emails, tasks, windowSeconds);
      if (row.errors > 0) keepLogs('exam-day-embedded', [server]);
      rows.push(row);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cluster = await startPgCluster();
  try {
    const url = await cluster.createDatabase();
    const db = openStore({ databaseFile: '', databaseUrl: url });
    const emails = await seedExamCandidates(root, db, candidates);
    await db.close();
    const env = { ...common, DATABASE_URL: url, PRACTICUM_KEY_SECRET: KEY_SECRET };
    const webs = [await startServer(env), await startServer(env)];
    const workers: WorkerProcess[] = [];
    try {
      for (let i = 0; i < 2; i++) workers.push(await startWorkerProcess(`exam-${i}`, { DATABASE_URL: url, GRADER_POOL_SIZE: '1' }));
      const row = await runExamDay('cluster (PostgreSQL, 2 web nodes, 2 workers)', webs, emails, tasks, windowSeconds);
      if (row.errors > 0) keepLogs('exam-day-cluster', webs);
      rows.push(row);
    } finally {
      for (const w of workers) await w.stop();
      for (const web of webs) await web.stop();
    }
  } finally {
    await cluster.stop();
  }
  return rows;
}
