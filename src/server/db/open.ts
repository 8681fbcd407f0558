// Opens the database: today the SQLite file (the embedded default). Never called at import time:
// callers pass the path. Every module reaches the data through the Store seam (store.ts).
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** The data store every domain module takes: the name keeps signatures readable. */
export type Db = Store;

export function openDatabase(file: string): Db {
  return openSqliteStore(file);
}
