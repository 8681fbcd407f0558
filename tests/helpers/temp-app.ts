// A whole App (config, migrated database, auth) on a fresh temp data folder, for page data functions
// and services that take the App; content comes from this repository (PRACTICUM_ROOT). The database
// is the folder's SQLite file, or a fresh PostgreSQL one when PRACTICUM_TEST_DATABASE=postgres.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createUser, type Role } from '../../src/server/db/users.ts';
import type { SessionUser } from '../../src/server/auth/roles.ts';
import { freshPostgresUrl, TEST_KEY_SECRET, usesPostgres } from './test-database.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ORIGIN = 'http://practicum.test';

export interface TempApp {
  app: App;
  /** A user as the middleware puts it in Astro.locals.user. */
  user(email: string, role?: Role): Promise<SessionUser>;
  cleanup(): void;
}

export async function tempApp(env: Record<string, string> = {}): Promise<TempApp> {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-app-'));
  const storage = usesPostgres() ? { DATABASE_URL: await freshPostgresUrl(), PRACTICUM_KEY_SECRET: TEST_KEY_SECRET } : {};
  const app = await createApp(loadConfig({ PRACTICUM_ROOT: ROOT, DATA_DIR: dir, PUBLIC_ORIGIN: ORIGIN, ...storage, ...env }));
  return {
    app,
    async user(email, role = 'learner') {
      const u = await createUser(app.db, { email, name: email.split('@')[0] ?? email, passwordHash: 'x', role });
      return { id: u.id, email: u.email, name: u.name, role: u.role };
    },
    async cleanup() {
      await app.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A form post as a browser sends it. */
export function formPost(fields: Record<string, string | string[]>, url = `${ORIGIN}/`): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
}

export const getRequest = (url = `${ORIGIN}/`): Request => new Request(url);
