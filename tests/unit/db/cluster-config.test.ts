// How the cluster mode is switched on and refused: DATABASE_URL checked at start-up, npm run
// db:migrate on both engines, a web node refusing to start without PRACTICUM_KEY_SECRET and a
// grader worker refusing a database nobody migrated.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config.ts';
import { LATEST_VERSION } from '../../../src/server/db/migrate.ts';
import { testPostgres } from '../../helpers/pg-cluster.ts';
import { ROOT } from '../../helpers/server.ts';

let cluster: Awaited<ReturnType<typeof testPostgres>>;
const dirs: string[] = [];

function script(file: string, env: Record<string, string>, args: string[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'practicum-cluster-config-'));
  dirs.push(dataDir);
  const r = spawnSync(process.execPath, [join(ROOT, file), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PRACTICUM_ROOT: ROOT, DATA_DIR: dataDir, DATABASE_URL: '', PRACTICUM_KEY_SECRET: '', PORT: '4999', ...env },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  cluster = await testPostgres();
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('switching to the cluster mode', () => {
  it('reads DATABASE_URL, and refuses one that is not a PostgreSQL database URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/practicum' }).databaseUrl).toBe('postgres://u@db:5432/practicum');
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u@db/practicum' })).toThrow(/must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db:5432' })).toThrow(/must name the database/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/must be a URL like postgres:\/\//);
  });

  it('migrates either engine with npm run db:migrate, installing the grading queue on PostgreSQL', async () => {
    const embedded = script('scripts/db-migrate.ts', {});
    expect(embedded.out).toMatch(/practicum\.sqlite: applied migrations 1, 2, 3/);
    expect(embedded.status).toBe(0);

    const url = await cluster.createDatabase();
    const first = script('scripts/db-migrate.ts', { DATABASE_URL: url });
    expect(first.out).toMatch(/PostgreSQL 127\.0\.0\.1:\d+\/\w+: applied migrations 1, 2, 3/);
    expect(first.out).toContain('grading queue: installed');
    expect(first.status).toBe(0);
    const again = script('scripts/db-migrate.ts', { DATABASE_URL: url });
    expect(again.out).toContain('already at the newest schema');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect(Number((await client.query('SELECT MAX(version) AS v FROM schema_version')).rows[0].v)).toBe(LATEST_VERSION);
      const queues = (await client.query('SELECT name FROM pgboss.queue ORDER BY name')).rows.map((r) => r.name);
      expect(queues).toEqual(['grading', 'grading-dead-letters']);
    } finally {
      await client.end();
    }
  });

  it('does not start a web node without PRACTICUM_KEY_SECRET, nor a worker on a database nobody migrated', async () => {
    const url = await cluster.createDatabase();
    const web = script('scripts/start.ts', { DATABASE_URL: url }, ['--no-build']);
    expect(web.status).toBe(1);
    expect(web.out).toContain('PRACTICUM_KEY_SECRET is not set');
    const worker = script('scripts/grader-worker.ts', { DATABASE_URL: url });
    expect(worker.status).toBe(1);
    expect(worker.out).toMatch(/schema version 0 and this code needs \d+: run npm run db:migrate/);
    const noUrl = script('scripts/grader-worker.ts', {});
    expect(noUrl.status).toBe(1);
    expect(noUrl.out).toContain('set DATABASE_URL=postgres://');
  });
});
