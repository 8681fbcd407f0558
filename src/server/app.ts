// The process-wide application context: configuration, database and auth, created on first use
// (never at import time) so tests and scripts can point DATA_DIR anywhere.
import { loadConfig, type Config } from './config.ts';
import { openStore, type Db } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { createLucia, type Auth } from './auth/lucia.ts';

export interface App {
  config: Config;
  db: Db;
  auth: Auth;
}

export async function createApp(config: Config = loadConfig()): Promise<App> {
  const db = openStore(config);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return { config, db, auth: createLucia(db, { secureCookies: config.secureCookies }) };
}

// Kept on globalThis, not in this module: the server's entry point (scripts/start.ts) and Astro's
// bundle each load their own copy of this module, and they must share one App (one database pool).
const CURRENT = Symbol.for('practicum.app');
const holder = globalThis as { [CURRENT]?: Promise<App> | undefined };

/** The one App of this process; a failed start-up (a migration that failed) is tried again next time. */
export function getApp(): Promise<App> {
  if (!holder[CURRENT]) {
    const starting = createApp();
    holder[CURRENT] = starting;
    starting.catch(() => {
      if (holder[CURRENT] === starting) holder[CURRENT] = undefined;
    });
  }
  return holder[CURRENT];
}
