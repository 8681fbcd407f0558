// `npm run db:migrate`: brings the configured database to this code's schema — the embedded SQLite
// file in DATA_DIR, or PostgreSQL when DATABASE_URL is set, where it also installs the grading
// queue (pg-boss's schema and the queues). Web nodes migrate on start too; run this first when
// grader workers (which never migrate) may start before any web node.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/server/config.ts';
import { describeStore, openStore } from '../src/server/db/open.ts';
import { migrate, MigrationError } from '../src/server/db/migrate.ts';
import { startBoss } from '../src/server/grader/queue/grading-jobs.ts';

process.env['PRACTICUM_ROOT'] ??= dirname(dirname(fileURLToPath(import.meta.url)));
let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(`db:migrate: ${(error as Error).message}`);
  process.exit(2);
}
const db = openStore(config, { applicationName: 'practicum-migrate', max: 2 });
try {
  const applied = await migrate(db);
  console.log(applied.length ? `${describeStore(config)}: applied migrations ${applied.join(', ')}` : `${describeStore(config)}: already at the newest schema`);
  if (config.databaseUrl) {
    const boss = await startBoss({ url: config.databaseUrl, applicationName: 'practicum-migrate', supervise: false, max: 2 });
    await boss.stop({ graceful: false });
    console.log('grading queue: installed');
  }
} catch (error) {
  console.error(`db:migrate: ${error instanceof MigrationError ? error.message : `the database at ${describeStore(config)} could not be migrated: ${(error as Error).message}`}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
