// Starts the built platform exactly as `npm start` does (minus the build step) on a free port with
// its own DATA_DIR, and offers a small HTTP client that keeps cookies and sends a matching Origin.
// In the PostgreSQL test projects (PRACTICUM_TEST_DATABASE=postgres) each server gets a fresh database
// of its own (DATABASE_URL, and the PRACTICUM_KEY_SECRET that mode requires); openServerStore() opens
// whichever store a server uses, so tests read and seed what it really stored in either mode. There the
// web node grades nothing itself (it enqueues): each server gets a grader worker process of its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, openStore, type Db } from '../../src/server/db/open.ts';
import { freshPostgresUrl, TEST_KEY_SECRET, usesPostgres } from './test-database.ts';
import { startWorkerProcess, type WorkerProcess } from './worker-process.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  origin: string;
  dataDir: string;
  /** The server process's PID. */
  pid: number;
  stop(): Promise<void>;
  /** Kills the server without a chance to clean up (SIGKILL), keeping its DATA_DIR: a crash. */
  crash(): Promise<void>;
  client(): HttpClient;
  /** What the server process has printed so far (stdout and stderr), and how it exited if it has. */
  output(): string;
  /** The server's PostgreSQL database, when it uses one. */
  databaseUrl: string | undefined;
  /** A connection of the test's own to the server's store (SQLite file or PostgreSQL); close it when done. */
  openStore(): Promise<Db>;
  /** Runs a project script (e.g. user:create) against this server's DATA_DIR. */
  script(file: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** DATA_DIR → its PostgreSQL database, in the PostgreSQL test projects (a DATA_DIR seeded before its server starts included). */
const databases = new Map<string, Promise<string>>();

function databaseOf(dataDir: string): Promise<string> | undefined {
  if (!usesPostgres()) return undefined;
  let url = databases.get(dataDir);
  if (!url) databases.set(dataDir, (url = freshPostgresUrl({ migrated: false })));
  return url;
}

/**
 * A connection to the store of the server with this DATA_DIR (or of one about to start on it: tests
 * seed a DATA_DIR, then start a server with it): DATA_DIR/practicum.sqlite, or in the PostgreSQL
 * projects the database startServer gives that DATA_DIR. Close it when done.
 */
export async function openServerStore(dataDir: string): Promise<Db> {
  const url = await databaseOf(dataDir);
  return url ? openStore({ databaseFile: join(dataDir, 'practicum.sqlite'), databaseUrl: url }, { max: 2 }) : openDatabase(join(dataDir, 'practicum.sqlite'));
}

/** `root` is the project to serve: this one, or a copy assembled around another program (program-root.ts). */
export async function startServer(env: Record<string, string> = {}, root: string = ROOT): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'practicum-srv-'));
  const origin = `http://localhost:${port}`;
  const databaseUrl = env['DATABASE_URL'] ?? (await databaseOf(env['DATA_DIR'] ?? dataDir));
  const storage = databaseUrl ? { DATABASE_URL: databaseUrl, PRACTICUM_KEY_SECRET: TEST_KEY_SECRET } : {};
  const fullEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_ORIGIN: origin, PRACTICUM_ROOT: root, ...storage, ...env };
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/start.ts'), '--no-build'], {
    cwd: root,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      log += `\n[exited with ${code ?? signal}]\n`;
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  // PostgreSQL mode: the web node enqueues submissions; a grader worker (as deployers run one) grades them
  let worker: WorkerProcess | undefined;
  if (databaseUrl && !env['DATABASE_URL']) {
    try {
      worker = await startWorkerProcess(`worker-${port}`, fullEnv as Record<string, string>, root);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }
  return {
    origin,
    dataDir,
    pid: child.pid ?? 0,
    async stop() {
      await worker?.stop();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
      databases.delete(dataDir);
    },
    async crash() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
    client: () => new HttpClient(origin),
    output: () => log,
    databaseUrl,
    openStore: () => openServerStore(dataDir),
    script(file, args, input) {
      const r = spawnSync(process.execPath, [join(root, file), ...args], { cwd: root, env: fullEnv, input: input ?? '', encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}

export class HttpClient {
  readonly origin: string;
  cookies = new Map<string, string>();
  constructor(origin: string) {
    this.origin = origin;
  }

  async request(method: string, path: string, opts: { json?: unknown; body?: string; headers?: Record<string, string>; origin?: string | null } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.origin !== null) headers['origin'] = opts.origin ?? this.origin;
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await fetch(this.origin + path, { method, headers, body: body ?? null, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      const value = rest.join('=');
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path, { origin: null });
  }
  post(path: string, json?: unknown): Promise<Response> {
    return this.request('POST', path, { json: json ?? {} });
  }
  put(path: string, json?: unknown): Promise<Response> {
    return this.request('PUT', path, { json: json ?? {} });
  }

  async signUp(email: string, name = 'Test Learner', password = 'correct-horse-battery'): Promise<Response> {
    const res = await this.post('/api/auth/signup', { email, password, name });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
    return res;
  }
  async logIn(email: string, password: string): Promise<Response> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return res;
  }
}
