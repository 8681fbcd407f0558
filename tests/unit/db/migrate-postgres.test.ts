// The PostgreSQL migrator on a real throw-away cluster: applies every migration once and records it,
// lets two nodes start at once (one applies, the other waits and applies nothing), applies one numbered
// below the newest when it was never applied, and stops on a failing one, leaving the database as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migratePostgres } from '../../../src/server/db/migrate-postgres.ts';
import { MigrationError } from '../../../src/server/db/migrate.ts';
import { postgresMigrations } from '../../../src/server/db/migrations/postgres/list.ts';
import { postgresBin, testPostgres } from '../../helpers/pg-cluster.ts';

let cluster: Awaited<ReturnType<typeof testPostgres>>;
const pools: pg.Pool[] = [];
const poolFor = (url: string) => {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  cluster = await testPostgres();
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await cluster?.stop();
});

describe('migratePostgres', () => {
  it('applies every migration once when two nodes start together, and records each in schema_version', async () => {
    const url = await cluster.createDatabase();
    const [a, b] = await Promise.all([migratePostgres(poolFor(url)), migratePostgres(poolFor(url))]);
    const all = postgresMigrations.map((m) => m.version);
    expect([a, b].sort((x, y) => y.length - x.length)).toEqual([all, []]);
    const pool = poolFor(url);
    expect(await migratePostgres(pool)).toEqual([]);
    const rows = (await pool.query('SELECT version, name, applied_at FROM schema_version ORDER BY version')).rows as { version: number; name: string; applied_at: string }[];
    expect(rows.map((r) => ({ version: r.version, name: r.name }))).toEqual(postgresMigrations.map((m) => ({ version: m.version, name: m.name })));
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.applied_at)))).toBe(true);
  });

  it('applies a migration numbered below the newest applied when the database never had it', async () => {
    const pool = poolFor(await cluster.createDatabase());
    const skipped = postgresMigrations.at(-2)!;
    await migratePostgres(pool, postgresMigrations.filter((m) => m !== skipped));
    expect(await migratePostgres(pool)).toEqual([skipped.version]);
  });

  it('stops on a failing migration with a message naming it, and rolls all of it back', async () => {
    const pool = poolFor(await cluster.createDatabase());
    await migratePostgres(pool);
    await pool.query("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'A@Example.com', 'A', 'x', 1)");
    const broken = { version: 99, name: 'broken', sql: "CREATE TABLE half_done (id INTEGER); UPDATE users SET name = 'changed'; SELECT no_such_column FROM users" };
    const error = await migratePostgres(pool, [...postgresMigrations, broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/^Migration 099 "broken" failed: column "no_such_column" does not exist\. The database was left as it was before this migration\.$/);
    expect((await pool.query("SELECT to_regclass('half_done') AS t")).rows).toEqual([{ t: null }]);
    expect((await pool.query('SELECT name FROM users')).rows).toEqual([{ name: 'A' }]);
    expect((await pool.query('SELECT version FROM schema_version WHERE version = 99')).rows).toEqual([]);
    // The connection that failed went back to the pool usable, and the lock was released.
    expect(await migratePostgres(pool)).toEqual([]);
    // users.email compares without case, as SQLite's COLLATE NOCASE does (sign-in looks it up with =).
    expect((await pool.query("SELECT id FROM users WHERE email = 'a@example.COM'")).rows).toEqual([{ id: 'u1' }]);
  });

  it('the test cluster finds the newest installed PostgreSQL, and says how to install it when there is none', () => {
    expect(postgresBin()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
    expect(() => postgresBin('/nonexistent/postgresql')).toThrow(/PostgreSQL is not installed.*apt-get install -y --no-install-recommends postgresql/);
  });
});
