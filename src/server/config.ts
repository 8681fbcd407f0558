// Runtime configuration from the environment (see README "Configuration").
import { resolve } from 'node:path';
import { loadAuthSettings, type AuthSettings } from './auth/settings.ts';
import { DEFAULT_CHANGE_SETTINGS, type CertificateChangeSettings } from './certificates/manage.ts';
import { DEFAULT_DISK_SETTINGS, type DiskSettings } from './disk-space.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The embedded mode's SQLite file (DATA_DIR/practicum.sqlite); unused when databaseUrl is set. */
  databaseFile: string;
  /**
   * DATABASE_URL (postgres://…): the cluster mode. Storage moves to PostgreSQL and web nodes keep
   * nothing on their own disk (README "Running on several machines"). Unset: the embedded mode.
   */
  databaseUrl: string | undefined;
  /** PRACTICUM_KEY_SECRET: seals the issuer key in the database (cluster mode only; required there). */
  keySecret: string | undefined;
  publicOrigin: string;
  projectRoot: string;
  secureCookies: boolean;
  /** GRADER_POOL_SIZE: warm grading workers (the grader's default when unset). */
  graderPoolSize: number | undefined;
  /** GRADER_QUEUE_LIMIT: submissions that may wait for a worker (the grader's default when unset). */
  graderQueueLimit: number | undefined;
  /** GRADER_BUDGET_SECONDS: worker-seconds one learner's runs may use per minute (the grader's default when unset). */
  graderBudgetSeconds: number | undefined;
  /**
   * TRUSTED_PROXY_HOPS: how many reverse proxies of the deployment's own stand in front of the web
   * nodes (0: none, the connection's address is the client's). Per-address limits then key on the
   * address the outermost of them saw (src/server/client-address.ts).
   */
  trustedProxyHops: number;
  /** Write limits, storage quota and disk reserve (README "Security"). */
  limits: WriteLimits;
  /** CERTIFICATE_CHANGES_PER_HOUR and STATUS_LIST_SIZE (src/server/certificates/manage.ts). */
  certificates: CertificateChangeSettings;
  /** AUTH_*: sign-in and sign-up limits (src/server/auth/settings.ts). */
  auth: AuthSettings;
}

/** An optional whole-number setting, refused at start-up when it is not one. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

export interface WriteLimits {
  /** WRITES_PER_MINUTE: state-changing requests one signed-in account may make per minute. */
  writesPerMinute: number;
  /** DRAFT_SAVES_PER_MINUTE: server-side editor draft saves per account per minute. */
  draftSavesPerMinute: number;
  /** STORAGE_QUOTA_MB: submissions (distinct contents) and drafts one account may keep. */
  storageQuotaBytes: number;
  /** DISK_RESERVE_MB, DISK_RESERVE_FILE_MB: free space kept for sign-in (src/server/disk-space.ts). */
  disk: DiskSettings;
}

const MB = 1024 * 1024;

function loadWriteLimits(env: NodeJS.ProcessEnv): WriteLimits {
  return {
    writesPerMinute: wholeNumber(env, 'WRITES_PER_MINUTE', 1) ?? 120,
    draftSavesPerMinute: wholeNumber(env, 'DRAFT_SAVES_PER_MINUTE', 1) ?? 30,
    storageQuotaBytes: (wholeNumber(env, 'STORAGE_QUOTA_MB', 1) ?? 25) * MB,
    disk: {
      reserveBytes: (wholeNumber(env, 'DISK_RESERVE_MB', 0) ?? DEFAULT_DISK_SETTINGS.reserveBytes / MB) * MB,
      reserveFileBytes: (wholeNumber(env, 'DISK_RESERVE_FILE_MB', 0) ?? DEFAULT_DISK_SETTINGS.reserveFileBytes / MB) * MB,
    },
  };
}

/** STATUS_LIST_SIZE: entries of each new revocation list; a multiple of 8 (the spec's 131,072 by default). */
function statusListSize(env: NodeJS.ProcessEnv): number {
  const value = wholeNumber(env, 'STATUS_LIST_SIZE', 8) ?? DEFAULT_CHANGE_SETTINGS.statusListSize;
  if (value % 8 !== 0) throw new Error(`STATUS_LIST_SIZE must be a multiple of 8, got "${value}"`);
  return value;
}

/** DATABASE_URL: a postgres:// or postgresql:// URL, or unset/empty for the embedded SQLite file. */
function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env['DATABASE_URL']?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('DATABASE_URL must be a URL like postgres://user:password@host:5432/practicum');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must be a postgres:// URL (PostgreSQL 15 or later); got a ${url.protocol}// URL. Leave it unset for the embedded SQLite database.`);
  }
  if (url.pathname.length <= 1) throw new Error('DATABASE_URL must name the database, as in postgres://user@host:5432/practicum');
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const projectRoot = resolve(env['PRACTICUM_ROOT'] ?? process.cwd());
  const port = Number(env['PORT'] ?? 4321);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (1-65535), got "${env['PORT']}"`);
  }
  const host = env['HOST'] ?? '127.0.0.1';
  const dataDir = resolve(projectRoot, env['DATA_DIR'] ?? 'data');
  const publicOrigin = (env['PUBLIC_ORIGIN'] ?? `http://localhost:${port}`).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(publicOrigin);
  } catch {
    throw new Error(`PUBLIC_ORIGIN must be an absolute URL like https://practicum.example.com, got "${publicOrigin}"`);
  }
  return {
    port,
    host,
    dataDir,
    databaseFile: resolve(dataDir, 'practicum.sqlite'),
    databaseUrl: databaseUrl(env),
    keySecret: env['PRACTICUM_KEY_SECRET'] || undefined,
    publicOrigin: parsed.origin,
    projectRoot,
    secureCookies: parsed.protocol === 'https:',
    graderPoolSize: wholeNumber(env, 'GRADER_POOL_SIZE', 1),
    graderQueueLimit: wholeNumber(env, 'GRADER_QUEUE_LIMIT', 0),
    graderBudgetSeconds: wholeNumber(env, 'GRADER_BUDGET_SECONDS', 1),
    trustedProxyHops: wholeNumber(env, 'TRUSTED_PROXY_HOPS', 0) ?? 0,
    limits: loadWriteLimits(env),
    certificates: {
      changesPerHour: wholeNumber(env, 'CERTIFICATE_CHANGES_PER_HOUR', 1) ?? DEFAULT_CHANGE_SETTINGS.changesPerHour,
      statusListSize: statusListSize(env),
    },
    auth: loadAuthSettings(env),
  };
}
