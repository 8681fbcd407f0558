// The deployment compose.yaml describes, as real processes: Debian's nginx serving the project's own
// deploy/nginx.conf in front of two web nodes (TRUSTED_PROXY_HOPS=1) on one PostgreSQL, with a grader
// worker. Requests spread over both nodes and any node carries on a session another started (no sticky
// sessions); a graded submission comes back through the proxy; the per-address limits (sign-up, and
// unknown-certificate look-ups on the verification fast path) count each client's own address, which a
// forged X-Forwarded-For cannot change.
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { testPostgres } from '../helpers/pg-cluster.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.ts';

const SIGNUP_LIMIT = 3;

let cluster: Awaited<ReturnType<typeof testPostgres>>;
let proxy: RunningNginx;
const servers: RunningServer[] = [];
let worker: WorkerProcess | undefined;

/** A browser on its own address (127.0.0.x: every one is this machine's), talking to the proxy. */
class Browser {
  cookies = new Map<string, string>();
  readonly localAddress: string;
  constructor(localAddress: string) {
    this.localAddress = localAddress;
  }

  send(method: string, path: string, opts: { json?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
    const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
    const url = new URL(path, proxy.origin);
    const headers: Record<string, string> = { ...opts.headers };
    if (method !== 'GET') headers['origin'] = proxy.origin;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: this.localAddress }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          for (const cookie of res.headers['set-cookie'] ?? []) {
            const [pair] = cookie.split(';');
            const [name, ...rest] = (pair ?? '').split('=');
            if (name) this.cookies.set(name, rest.join('='));
          }
          resolve({ status: res.statusCode ?? 0, body: text });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The web nodes as the proxy's upstream lists them. */
const nodes = () => servers.map((s) => `127.0.0.1:${new URL(s.origin).port}`);

beforeAll(async () => {
  cluster = await testPostgres();
  const url = await cluster.createDatabase();
  // the nodes' public origin is the proxy's: browsers only ever see that one
  const port = await freePort();
  const env = { DATABASE_URL: url, PRACTICUM_KEY_SECRET: 'proxy-test-key-secret-0123456789abcdef', PUBLIC_ORIGIN: `http://127.0.0.1:${port}`, TRUSTED_PROXY_HOPS: '1', AUTH_SIGNUP_LIMIT: String(SIGNUP_LIMIT) };
  servers.push(await startServer(env));
  servers.push(await startServer(env));
  worker = await startWorkerProcess('proxy-worker', { DATABASE_URL: url, GRADER_POOL_SIZE: '1' });
  proxy = await startNginx(join(ROOT, 'deploy/nginx.conf'), nodes(), port);
}, 180_000);

afterAll(async () => {
  await proxy?.stop();
  await worker?.stop();
  for (const s of servers) await s.stop();
  await cluster?.stop();
}, 60_000);

describe('web nodes behind deploy/nginx.conf', () => {
  it('spreads requests over both nodes, each carrying on the session the other started', async () => {
    const ann = new Browser('127.0.0.2');
    const before = proxy.upstreams().length;
    const signedUp = await ann.send('POST', '/api/auth/signup', { json: { email: 'ann@example.com', password: 'correct-horse-battery', name: 'Ann' } });
    expect(signedUp.status, signedUp.body).toBe(201);
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await ann.send('GET', '/api/me'));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.parse(a.body).user.email).toBe('ann@example.com');
    }
    const answeredBy = new Set(proxy.upstreams().slice(before));
    expect([...answeredBy].sort()).toEqual(nodes().sort());
  });

  it('returns a graded submission through the proxy', async () => {
    const ben = new Browser('127.0.0.3');
    expect((await ben.send('POST', '/api/auth/signup', { json: { email: 'ben@example.com', password: 'correct-horse-battery', name: 'Ben' } })).status).toBe(201);
    const solution = readFileSync(join(ROOT, 'solutions/s1-project-entity/src/project.ts'), 'utf8');
    const graded = await ben.send('POST', '/api/exercises/s1-project-entity/submissions', { json: { files: { 'src/project.ts': solution } } });
    expect(graded.status, graded.body).toBe(200);
    expect(JSON.parse(graded.body)).toMatchObject({ status: 'pass' });
  });

  it('limits sign-ups per client address, whatever X-Forwarded-For the client sends', async () => {
    const crowd = new Browser('127.0.0.4');
    const signUp = (who: Browser, n: number, headers: Record<string, string> = {}) =>
      who.send('POST', '/api/auth/signup', { json: { email: `crowd${who.localAddress}-${n}@example.com`, password: 'correct-horse-battery', name: 'Crowd' }, headers });
    for (let n = 0; n < SIGNUP_LIMIT; n++) expect((await signUp(crowd, n)).status).toBe(201);
    const refused = await signUp(crowd, SIGNUP_LIMIT);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.message).toMatch(/Too many sign-ups from your network/);
    // a forged header does not make it someone else
    expect((await signUp(crowd, SIGNUP_LIMIT + 1, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(429);
    // another client behind the same proxy is not held back by it
    expect((await signUp(new Browser('127.0.0.5'), 0)).status).toBe(201);
  });

  it('limits unknown-certificate look-ups per client address on the verification fast path too', async () => {
    const prober = new Browser('127.0.0.6');
    const look = (who: Browser, n: number) => who.send('GET', `/api/certificates/unknown-${n}`);
    for (let n = 0; n < 60; n++) expect((await look(prober, n)).status).toBe(404);
    const refused = await look(prober, 60);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.message).toMatch(/Too many unknown certificate ids from your address/);
    expect((await look(new Browser('127.0.0.7'), 0)).status).toBe(404);
  });
});
