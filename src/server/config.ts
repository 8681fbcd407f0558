// Runtime configuration from the environment (see README "Configuration").
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  publicOrigin: string;
  projectRoot: string;
  secureCookies: boolean;
  /** GRADER_POOL_SIZE: warm grading workers (the grader's default when unset). */
  graderPoolSize: number | undefined;
  /** GRADER_QUEUE_LIMIT: submissions that may wait for a worker (the grader's default when unset). */
  graderQueueLimit: number | undefined;
}

/** An optional whole-number setting, refused at start-up when it is not one. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
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
    publicOrigin: parsed.origin,
    projectRoot,
    secureCookies: parsed.protocol === 'https:',
    graderPoolSize: wholeNumber(env, 'GRADER_POOL_SIZE', 1),
    graderQueueLimit: wholeNumber(env, 'GRADER_QUEUE_LIMIT', 0),
  };
}
