// Opens the database the configuration names: the embedded SQLite file (DATA_DIR), or PostgreSQL when
// DATABASE_URL is set (the cluster mode). Never called at import time. Every module reaches the data
// through the Store seam (store.ts), whichever engine is behind it.
import { openSqliteStore } from './sqlite-store.ts';
import { openPostgresStore } from './postgres-store.ts';
import type { Store } from './store.ts';

/** The data store every domain module takes: the name keeps signatures readable. */
export type Db = Store;

/** The embedded mode's SQLite file (tests and tools that work on one file use this directly). */
export function openDatabase(file: string): Db {
  return openSqliteStore(file);
}

/** The configured database: PostgreSQL when `databaseUrl` is set, else the SQLite file. */
export function openStore(config: { databaseFile: string; databaseUrl: string | undefined }, options: { applicationName?: string; max?: number } = {}): Db {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl, options).store;
  return openSqliteStore(config.databaseFile);
}

/** Where the data lives, for start-up messages (never the password). */
export function describeStore(config: { databaseFile: string; databaseUrl: string | undefined }): string {
  if (!config.databaseUrl) return config.databaseFile;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
