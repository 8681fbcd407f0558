// A real SQLite file in a fresh temp directory, migrated, removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/server/db/open.ts';
import { migrate } from '../../src/server/db/migrate.ts';

export interface TempDb {
  db: Db;
  dir: string;
  file: string;
  cleanup(): void;
}

export async function tempDb(opts: { migrate?: boolean } = {}): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-db-'));
  const file = join(dir, 'test.sqlite');
  const db = openDatabase(file);
  if (opts.migrate !== false) await migrate(db);
  return {
    db,
    dir,
    file,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
