// Applies the PostgreSQL migrations once, each in its own transaction, recording them in schema_version
// exactly as migrate.ts does for SQLite. Several web nodes may start at once: the whole run holds a
// session advisory lock, so the second node waits, then finds every migration recorded and applies none.
import type pg from 'pg';
import type { Migration } from './migrations/list.ts';
import { postgresMigrations } from './migrations/postgres/list.ts';
import { MigrationError } from './migrate.ts';

/** Advisory lock key for the migration run ("practicum migrate"); any fixed bigint other code does not use. */
const MIGRATION_LOCK = '7070726163746963';

/**
 * Returns the versions applied by this call: every migration not recorded yet, in order, also one
 * numbered below the newest applied (as migrate() does on SQLite). A failing migration rolls back
 * completely and is thrown as a MigrationError naming it.
 */
export async function migratePostgres(pool: pg.Pool, list: readonly Migration[] = postgresMigrations): Promise<number[]> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_version')).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of [...list].sort((a, b) => a.version - b.version)) {
        if (done.has(m.version)) continue;
        try {
          await client.query('BEGIN');
          await client.query(m.sql);
          await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
          throw new MigrationError(m, error);
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK]).catch(() => {
        broken = true;
      });
    }
  } finally {
    // A connection whose rollback or unlock failed is in an unknown state: destroy it, never pool it.
    client.release(broken);
  }
}
