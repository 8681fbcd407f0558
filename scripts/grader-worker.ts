// `npm run grader:worker`: a grader worker of the cluster mode. Needs the project (its exercises and
// node_modules) and DATABASE_URL=postgres://… of the database the web nodes use; takes grading jobs
// with one warm sandbox slot per core (GRADER_POOL_SIZE to choose) until stopped (SIGTERM/SIGINT
// finish the jobs in hand first). Run as many as the load needs, on any machines.
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/server/config.ts';
import { openPostgresStore } from '../src/server/db/postgres-store.ts';
import { requireMigrated } from '../src/server/db/migrate.ts';
import { startBoss } from '../src/server/grader/queue/grading-jobs.ts';
import { startGradingWorker } from '../src/server/grader/queue/grading-worker.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
process.env['PRACTICUM_ROOT'] ??= root;

function fail(message: string): never {
  console.error(`\n[grader-worker] cannot start: ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  fail((error as Error).message);
}
const url = config.databaseUrl;
if (!url) fail('set DATABASE_URL=postgres://… to the database the web nodes use (the embedded mode grades inside `npm start` and needs no worker)');
const slots = config.graderPoolSize ?? Math.min(availableParallelism(), 8);
const { store } = openPostgresStore(url, { max: slots + 2, applicationName: 'practicum-grader-worker' });
try {
  await requireMigrated(store);
} catch (error) {
  await store.close();
  fail((error as Error).message);
}
const boss = await startBoss({ url, applicationName: 'practicum-grader-worker', supervise: true });
const worker = await startGradingWorker({ store, boss, projectRoot: config.projectRoot, slots, log: (line) => console.log(`[grader-worker] ${line}`) });
console.log(`[grader-worker] ready: ${slots} slot${slots === 1 ? '' : 's'} (${worker.id})`);

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  console.log('[grader-worker] stopping: finishing the jobs in hand');
  const timeout = setTimeout(() => process.exit(code), 30_000);
  timeout.unref();
  await worker.stop().catch(() => undefined);
  await boss.stop({ graceful: true, timeout: 20_000 }).catch(() => undefined);
  await store.close().catch(() => undefined);
  process.exit(code);
};
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(130));
