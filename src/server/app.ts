// The process-wide application context: configuration, database and auth, created on first use
// (never at import time) so tests and scripts can point DATA_DIR anywhere.
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { createLucia, type Auth } from './auth/lucia.ts';

export interface App {
  config: Config;
  db: Db;
  auth: Auth;
}

export function createApp(config: Config = loadConfig()): App {
  const db = openDatabase(config.databaseFile);
  migrate(db);
  return { config, db, auth: createLucia(db, { secureCookies: config.secureCookies }) };
}

let current: App | undefined;

export function getApp(): App {
  current ??= createApp();
  return current;
}
