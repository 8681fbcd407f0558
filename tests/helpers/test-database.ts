// Which storage mode a test run uses: SQLite files (the default) or, when the vitest project sets
// PRACTICUM_TEST_DATABASE=postgres and tests/setup/postgres.ts provides a cluster, a fresh
// PostgreSQL database per call. The unit, integration and e2e suites run unchanged in both modes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabaseAt } from './pg-cluster.ts';
import type { Store } from '../../src/server/db/store.ts';

/** True when this run stores data in PostgreSQL. */
export function usesPostgres(): boolean {
  if (process.env['PRACTICUM_TEST_DATABASE'] === 'postgres') return true;
  // outside a vitest run (npm run bench starts servers through these helpers) there is nothing to inject
  return Boolean(process.env['VITEST']) && Boolean(inject('postgresUrl'));
}

function adminUrl(): string {
  const admin = inject('postgresUrl');
  if (!admin) {
    throw new Error('PRACTICUM_TEST_DATABASE=postgres needs the global setup tests/setup/postgres.ts (it provides postgresUrl): add it to the vitest project.');
  }
  return admin;
}

/**
 * A fresh PostgreSQL database on the run's cluster, its URL: a copy of the migrated template, or
 * empty with `migrated: false` (for tests that migrate themselves).
 */
export async function freshPostgresUrl(opts: { migrated?: boolean } = {}): Promise<string> {
  const admin = adminUrl();
  const template = inject('postgresTemplate');
  if (opts.migrated === false || !template) return createDatabaseAt(admin);
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The PRACTICUM_KEY_SECRET test servers and apps get on PostgreSQL (it seals the issuer key there). */
export const TEST_KEY_SECRET = 'practicum-test-key-secret-0123456789abcdef';

/** The application's tables (schema_version included), whichever engine holds them. */
export async function tableNames(db: Store): Promise<string[]> {
  const sql = db.dialect === 'postgres'
    ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
  return (await db.all<{ name: string }>(sql)).map((r) => r.name);
}

/** The column names of `table`. */
export async function columnNames(db: Store, table: string): Promise<string[]> {
  const sql = db.dialect === 'postgres'
    ? 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position'
    : 'SELECT name FROM pragma_table_info(?)';
  return (await db.all<{ name: string }>(sql, table)).map((r) => r.name);
}
