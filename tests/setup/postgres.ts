// Global setup for the PostgreSQL test projects (unit-pg, integration-pg, e2e-pg): one throw-away
// cluster per vitest run, its admin URL provided to every test file as inject('postgresUrl'), and a
// database migrated once (inject('postgresTemplate')) that tests copy with CREATE DATABASE … TEMPLATE:
// a fresh migrated database per test in milliseconds instead of running every migration again.
import type { TestProject } from 'vitest/node';
import { createDatabaseAt, startPgCluster } from '../helpers/pg-cluster.ts';
import { openStore } from '../../src/server/db/open.ts';
import { migrate } from '../../src/server/db/migrate.ts';

export const TEMPLATE = 'practicum_migrated';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  try {
    const db = openStore({ databaseFile: '', databaseUrl: await createDatabaseAt(cluster.url, TEMPLATE) });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresTemplate', TEMPLATE);
  return () => cluster.stop();
}
