import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate, MigrationError } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { openDatabase } from '../../../src/server/db/open.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
afterEach(() => t.cleanup());

describe('migrations', () => {
  it('apply every numbered migration once and record it in schema_version', async () => {
    t = await tempDb({ migrate: false });
    expect(await migrate(t.db)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(t.db)).toEqual([]);
    expect(await currentVersion(t.db)).toBe(migrations.at(-1)?.version);
    const rows = await t.db.all('SELECT version, name FROM schema_version ORDER BY version');
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('apply a migration numbered below the newest applied when the database has never had it', async () => {
    t = await tempDb({ migrate: false });
    const skipped = migrations.at(-2);
    if (!skipped) throw new Error('two migrations expected');
    // A database that ran the newer migrations on a branch without this one.
    await migrate(t.db, migrations.filter((m) => m !== skipped));
    expect(await currentVersion(t.db)).toBe(migrations.at(-1)?.version);
    expect(await migrate(t.db)).toEqual([skipped.version]);
    expect(await migrate(t.db)).toEqual([]);
  });

  it('open the file in WAL mode with foreign keys and a busy timeout', async () => {
    t = await tempDb();
    expect(await t.db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await t.db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await t.db.get('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
  });

  it('stop on a failing migration with a clear message and leave the data as it was', async () => {
    t = await tempDb();
    await t.db.run("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@b.co', 'A', 'x', 1)");
    const before = await currentVersion(t.db);
    const broken = [
      ...migrations,
      { version: before + 1, name: 'half-broken', sql: "DELETE FROM users; CREATE TABLE z (a INT); INSERT INTO nope VALUES (1);" },
    ];
    let caught: unknown;
    try {
      await migrate(t.db, broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MigrationError);
    expect((caught as Error).message).toMatch(/Migration \d{3} "half-broken" failed: no such table: nope\. The database was left as it was/);
    expect(await currentVersion(t.db)).toBe(before);
    expect(await t.db.get('SELECT COUNT(*) AS n FROM users')).toEqual({ n: 1 });
    expect(await t.db.get("SELECT name FROM sqlite_master WHERE name = 'z'")).toBeUndefined();
  });

  it('keep data across reopening the file', async () => {
    t = await tempDb();
    await t.db.run("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@b.co', 'A', 'x', 1)");
    await t.db.close();
    const again = openDatabase(t.file);
    expect(await migrate(again)).toEqual([]);
    expect(await again.get('SELECT email FROM users')).toEqual({ email: 'a@b.co' });
    t.db = again;
  });
});
