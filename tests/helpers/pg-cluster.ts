// A throw-away PostgreSQL cluster for tests: initdb into a fresh temp directory (as the postgres user
// when running as root: initdb refuses root), trust auth, loopback only on a random free port, unix
// socket inside the directory, durability off (fsync, synchronous_commit: test data is disposable).
// stop() kills it (-m immediate) and removes the directory; a process that exits without stop() kills
// it too. Without PostgreSQL installed this throws, saying how to install it: tests never skip silently.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the cluster tests/setup/postgres.ts started for this vitest run, when configured. */
    postgresUrl?: string;
    /** A migrated database on that cluster nobody connects to, copied for fresh ones (CREATE DATABASE … TEMPLATE). */
    postgresTemplate?: string;
  }
}

const run = promisify(execFile);

export interface PgCluster {
  /** Admin URL (database "postgres", user "postgres", trust auth). */
  url: string;
  /** Creates a fresh empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The bin directory of the highest PostgreSQL major version Debian installed. */
export function postgresBin(root = '/usr/lib/postgresql'): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL is not installed (no ${root}/<version>/bin/initdb): the PostgreSQL tests need it. ` +
        'Install it with `apt-get install -y --no-install-recommends postgresql` (Debian, version 15 or later).',
    );
  }
  return join(root, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Creates database `name` (a fresh random one by default) on the cluster at adminUrl; returns its URL. */
export async function createDatabaseAt(adminUrl: string, name = `t_${randomBytes(6).toString('hex')}`): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Database name "${name}" must be lower-case letters, digits and _.`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'practicum-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root: run them as the postgres user, who must own the directory.
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = command(tool, args);
    try {
      return await run(file, argv, { cwd: dir });
    } catch (error) {
      const e = error as Error & { stdout?: string; stderr?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
    }
  };
  const stopNow = () => {
    const [file, argv] = command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    try {
      execFileSync(file, argv, { stdio: 'ignore' });
    } catch {
      // not running (never started, or already stopped)
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  try {
    await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = [
        '-c listen_addresses=127.0.0.1',
        `-c port=${port}`,
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
      ].join(' ');
      try {
        await exec('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', options, 'start']);
        break;
      } catch (error) {
        // Another process may have taken the port between freePort() and the bind: try another.
        if (attempt >= 3) throw error;
      }
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      createDatabase: (name) => createDatabaseAt(url, name),
      async stop() {
        process.removeListener('exit', stopNow);
        await exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}

/**
 * For a test file: the cluster tests/setup/postgres.ts started for the run when that global setup is
 * configured, else one of its own. stop() stops only a cluster this call started.
 */
export async function testPostgres(): Promise<Pick<PgCluster, 'createDatabase' | 'stop'>> {
  const shared = inject('postgresUrl');
  if (shared) return { createDatabase: (name) => createDatabaseAt(shared, name), stop: async () => undefined };
  return startPgCluster();
}
