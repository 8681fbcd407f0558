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
  };
}
