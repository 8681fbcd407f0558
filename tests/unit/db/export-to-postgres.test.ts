// `npm run db:export-to-postgres` on a seeded data folder (a demo cohort with progress, attempts,
// certificates, peer reviews, projections) into a fresh database of a throw-away PostgreSQL cluster.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parentsFirst } from '../../../scripts/lib/export-to-postgres.ts';
import { testPostgres } from '../../helpers/pg-cluster.ts';
import { seedDataDir, type SeededData } from '../../helpers/seeded-data.ts';
import { ROOT } from '../../helpers/server.ts';
import { loadOrCreateIssuerKey } from '../../../src/server/certificates/keys.ts';
import { loadOrCreateStoredIssuerKey } from '../../../src/server/certificates/issuer-key-store.ts';
import { openPostgresStore } from '../../../src/server/db/postgres-store.ts';

const KEY_SECRET = 'the-cluster-key-secret-0123456789abcdef';

let cluster: Awaited<ReturnType<typeof testPostgres>>;
let seeded: SeededData;
let sqliteFile: string;

function exportCli(args: string[], secret: string | null = KEY_SECRET) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
  if (secret === null) delete env['PRACTICUM_KEY_SECRET'];
  else env['PRACTICUM_KEY_SECRET'] = secret;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/db-export-to-postgres.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { status: r.status, out: r.stdout + r.stderr };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await testPostgres();
  seeded = await seedDataDir(8);
  sqliteFile = join(seeded.dataDir, 'practicum.sqlite');
  // the embedded install's signing key, as the first credential download creates it
  await loadOrCreateIssuerKey(seeded.dataDir);
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
  if (seeded) rmSync(seeded.dataDir, { recursive: true, force: true });
});

describe('db:export-to-postgres', () => {
  it('orders tables parents first and refuses a reference cycle', () => {
    expect(parentsFirst(['b', 'a', 'c'], [{ child: 'c', parent: 'b' }, { child: 'b', parent: 'a' }, { child: 'a', parent: 'a' }])).toEqual(['a', 'b', 'c']);
    expect(() => parentsFirst(['a', 'b'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }])).toThrow(/cycle/);
  });

  it('copies every table and row, keeps the projections as they were, and ids continue after the copied ones', async () => {
    const url = await cluster.createDatabase();
    const run = exportCli(['--from', sqliteFile, '--to', url]);
    expect(run.out).toMatch(/Copied \d+ rows in \d+ tables/);
    expect(run.status).toBe(0);

    const source = new Database(sqliteFile, { readonly: true });
    try {
      const tables = (source.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      await withClient(url, async (client) => {
        for (const table of tables) {
          // the data folder's key file becomes the one row of issuer_keys
          const want = (source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n + (table === 'issuer_keys' ? 1 : 0);
          const got = Number((await client.query(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0].n);
          expect({ table, rows: got }).toEqual({ table, rows: want });
        }
        // a projection kept by triggers arrived as it was, not derived a second time
        const lessons = source.prepare('SELECT user_id, program, last_at FROM learner_lessons ORDER BY user_id, program').all() as { user_id: string; program: string; last_at: number }[];
        expect(lessons.length).toBeGreaterThan(0);
        const copied = (await client.query('SELECT user_id, program, last_at FROM learner_lessons ORDER BY user_id, program')).rows.map((r) => ({ ...r, last_at: Number(r.last_at) }));
        expect(copied).toEqual(lessons);
        // the triggers work again after the copy: a new lesson updates the learner's projection
        const learner = lessons[0]!;
        await client.query('INSERT INTO lesson_progress (user_id, program, lesson, completed_at) VALUES ($1, $2, $3, $4)', [learner.user_id, learner.program, 'exported-extra-lesson', 9_999_999_999_999]);
        const after = (await client.query('SELECT last_at FROM learner_lessons WHERE user_id = $1 AND program = $2', [learner.user_id, learner.program])).rows[0];
        expect(Number(after.last_at)).toBe(9_999_999_999_999);
        // an identity column continues after the highest copied id
        const maxId = Number((await client.query('SELECT COALESCE(MAX(id), 0) AS m FROM audit_log')).rows[0].m);
        const seq = (await client.query("SELECT pg_get_serial_sequence('audit_log', 'id') AS s")).rows[0].s as string;
        expect(seq).toBeTruthy();
        expect(Number((await client.query('SELECT nextval($1) AS n', [seq])).rows[0].n)).toBe(maxId + 1);
      });
      // the data folder's issuer key signs on in the cluster: every credential issued so far still verifies
      const fileKey = await loadOrCreateIssuerKey(seeded.dataDir);
      expect(run.out).toContain(fileKey.kid);
      const { store } = openPostgresStore(url, { max: 1 });
      try {
        const clusterKey = await loadOrCreateStoredIssuerKey(store, KEY_SECRET);
        expect(clusterKey.kid).toBe(fileKey.kid);
        expect(clusterKey.publicJwk).toEqual(fileKey.publicJwk);
      } finally {
        await store.close();
      }
    } finally {
      source.close();
    }
  });

  it('refuses to start without PRACTICUM_KEY_SECRET when there is a key to move, writing nothing', async () => {
    const url = await cluster.createDatabase();
    const run = exportCli(['--from', sqliteFile, '--to', url], null);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/PRACTICUM_KEY_SECRET is not set/);
    await withClient(url, async (client) => {
      expect((await client.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0].n).toBe('0');
    });
  });

  it('refuses a target that already holds data and a source it cannot open, copying nothing', async () => {
    const url = await cluster.createDatabase();
    expect(exportCli(['--from', sqliteFile, '--to', url]).status).toBe(0);
    const again = exportCli(['--from', sqliteFile, '--to', url]);
    expect(again.status).toBe(1);
    expect(again.out).toMatch(/already holds data .* export only into a new, empty database/);
    const missing = exportCli(['--from', join(seeded.dataDir, 'nope.sqlite'), '--to', url]);
    expect(missing.status).toBe(1);
    expect(missing.out).toMatch(/cannot open the SQLite database/);
    expect(exportCli(['--from', sqliteFile]).out).toMatch(/--to postgres:\/\/|DATABASE_URL/);
  });
});
