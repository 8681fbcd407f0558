import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate, MigrationError } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { openDatabase } from '../../../src/server/db/open.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
afterEach(() => t.cleanup());

describe('migrations', () => {
  it('apply every numbered migration once and record it in schema_version', () => {
    t = tempDb({ migrate: false });
    expect(migrate(t.db)).toEqual(migrations.map((m) => m.version));
    expect(migrate(t.db)).toEqual([]);
    expect(currentVersion(t.db)).toBe(migrations.at(-1)?.version);
    const rows = t.db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('apply a migration numbered below the newest applied when the database has never had it', () => {
    t = tempDb({ migrate: false });
    const skipped = migrations.at(-2);
    if (!skipped) throw new Error('two migrations expected');
    // A database that ran the newer migrations on a branch without this one.
    migrate(t.db, migrations.filter((m) => m !== skipped));
    expect(currentVersion(t.db)).toBe(migrations.at(-1)?.version);
    expect(migrate(t.db)).toEqual([skipped.version]);
    expect(migrate(t.db)).toEqual([]);
  });

  it('open the file in WAL mode with foreign keys and a busy timeout', () => {
    t = tempDb();
    expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(t.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('stop on a failing migration with a clear message and leave the data as it was', () => {
    t = tempDb();
    t.db.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@b.co', 'A', 'x', 1)").run();
    const before = currentVersion(t.db);
    const broken = [
      ...migrations,
      { version: before + 1, name: 'half-broken', sql: "DELETE FROM users; CREATE TABLE z (a INT); INSERT INTO nope VALUES (1);" },
    ];
    let caught: unknown;
    try {
      migrate(t.db, broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MigrationError);
    expect((caught as Error).message).toMatch(/Migration \d{3} "half-broken" failed: no such table: nope\. The database was left as it was/);
    expect(currentVersion(t.db)).toBe(before);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 1 });
    expect(t.db.prepare("SELECT name FROM sqlite_master WHERE name = 'z'").get()).toBeUndefined();
  });

  it('keep data across reopening the file', () => {
    t = tempDb();
    t.db.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@b.co', 'A', 'x', 1)").run();
    t.db.close();
    const again = openDatabase(t.file);
    expect(migrate(again)).toEqual([]);
    expect(again.prepare('SELECT email FROM users').get()).toEqual({ email: 'a@b.co' });
    t.db = again;
  });
});
