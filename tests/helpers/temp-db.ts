// A fresh migrated database for one test, removed afterwards: a real SQLite file in a temp directory,
// or a fresh PostgreSQL database on the run's cluster when PRACTICUM_TEST_DATABASE=postgres
// (test-database.ts). reopen() closes and opens it again, as a restarted process would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openStore, type Db } from '../../src/server/db/open.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { freshPostgresUrl, usesPostgres } from './test-database.ts';

export interface TempDb {
  db: Db;
  dir: string;
  /** The SQLite file (unused on PostgreSQL). */
  file: string;
  /** The PostgreSQL database's URL, when the run uses PostgreSQL. */
  url: string | undefined;
  /** Another connection to the same database (the caller closes it). */
  connect(): Db;
  /** Closes db and opens the same database again (a restart); returns and keeps the new one in db. */
  reopen(): Promise<Db>;
  cleanup(): Promise<void>;
}

export async function tempDb(opts: { migrate?: boolean } = {}): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-db-'));
  const file = join(dir, 'test.sqlite');
  const url = usesPostgres() ? await freshPostgresUrl({ migrated: opts.migrate !== false }) : undefined;
  const open = () => (url ? openStore({ databaseFile: file, databaseUrl: url }, { max: 4 }) : openDatabase(file));
  const db = open();
  // a copy of the migrated template is migrated already; migrate() then only checks schema_version
  if (opts.migrate !== false) await migrate(db);
  const temp: TempDb = {
    db,
    dir,
    file,
    url,
    connect: open,
    async reopen() {
      await temp.db.close();
      temp.db = open();
      return temp.db;
    },
    async cleanup() {
      await temp.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}
