// Applies numbered migrations once, each in its own transaction, recording them in schema_version.
// A failing migration rolls back completely and stops start-up with a message naming it. SQLite
// runs migrations/NNN_*.ts; PostgreSQL its twins in migrations/postgres/ (migrate-postgres.ts),
// checked to give the same schema by tests/unit/db/postgres-schema-parity.test.ts.
import type { Db } from './open.ts';
import { migrations, type Migration } from './migrations/list.ts';
import { migratePostgres } from './migrate-postgres.ts';
import { postgresMigrations } from './migrations/postgres/list.ts';
import { poolOf } from './postgres-store.ts';

export class MigrationError extends Error {
  readonly migration: Migration;
  constructor(migration: Migration, cause: unknown) {
    super(
      `Migration ${String(migration.version).padStart(3, '0')} "${migration.name}" failed: ` +
        `${cause instanceof Error ? cause.message : String(cause)}. ` +
        'The database was left as it was before this migration.',
      { cause },
    );
    this.name = 'MigrationError';
    this.migration = migration;
  }
}

export async function currentVersion(db: Db): Promise<number> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = await db.get('SELECT MAX(version) AS v FROM schema_version') as { v: number | null };
  return row.v ?? 0;
}

/** The newest version this code knows (both dialects have the same versions). */
export const LATEST_VERSION = Math.max(...migrations.map((m) => m.version));

/** Refuses a database this code has not migrated to its newest version (grader workers do not migrate). */
export async function requireMigrated(db: Db): Promise<void> {
  const version = await currentVersion(db);
  if (version < LATEST_VERSION) {
    throw new Error(`the database is at schema version ${version} and this code needs ${LATEST_VERSION}: run npm run db:migrate (or start a web node) first`);
  }
}

/** The versions recorded in schema_version. */
export async function appliedVersions(db: Db): Promise<Set<number>> {
  await currentVersion(db);
  return new Set((await db.all('SELECT version FROM schema_version') as { version: number }[]).map((r) => r.version));
}

/**
 * Returns the versions applied by this call: every migration not recorded yet, in order, also one
 * numbered below the newest applied (a branch that added 024 after a database had 026 would
 * otherwise never get it).
 */
export async function migrate(db: Db, list?: readonly Migration[]): Promise<number[]> {
  if (db.dialect === 'postgres') {
    // a list names migrations by version (tests migrate to one, then check the next): run their PostgreSQL twins
    const wanted = list && new Set(list.map((m) => m.version));
    return migratePostgres(poolOf(db), wanted ? postgresMigrations.filter((m) => wanted.has(m.version)) : postgresMigrations);
  }
  return migrateSqlite(db, list ?? migrations);
}

async function migrateSqlite(db: Db, list: readonly Migration[]): Promise<number[]> {
  const done = await appliedVersions(db);
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    try {
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', m.version, m.name, new Date().toISOString());
      });
    } catch (error) {
      throw new MigrationError(m, error);
    }
    applied.push(m.version);
  }
  return applied;
}
