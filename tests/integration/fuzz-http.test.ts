// A seeded fuzzer over every route of the built server: for each file under src/pages (so a new route
// is fuzzed without editing this test), 200 requests with random methods (TRACE and made-up ones
// included), identities (anonymous, learner, instructor), path parameters, query strings, content types
// and bodies (random bytes, deep or huge JSON, forms, bodies over the size limits). Bad input must get a
// 4xx with a clear answer: not one response may be a 5xx. Failures print the request that caused them.
import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/server/assessment/draw.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const REQUESTS_PER_ROUTE = 200;
const SEED = 0x5eed_f022;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: RunningServer;
const identities: Record<'anonymous' | 'learner' | 'instructor', string> = { anonymous: '', learner: '', instructor: '' };
let cohortId = '';
let learnerId = '';

function cookieOf(client: HttpClient): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<RawResponse> {
  const url = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Route files → URL templates: src/pages/api/exercises/[id]/runs.ts → /api/exercises/[id]/runs. */
function routeTemplates(): string[] {
  const pages = join(ROOT, 'src/pages');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(astro|ts)$/.test(name)) {
        const path = `/${relative(pages, full)}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '') || '/';
        out.push(path === '' ? '/' : path);
      }
    }
  };
  walk(pages);
  return out;
}

const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const NASTY_SEGMENTS = ['%ff', '%00', '..', '%2e%2e%2f', 'a'.repeat(300), '💥', '%E2%80%AE', '<script>', "'", '%0d%0a', ' ', '-1', '0', 'null', '%', '%zz'];

function randomText(rng: Rng, max: number): string {
  const alphabets = ['abcdefghijklmnopqrstuvwxyz0123456789', '{}[]":,\\/\u0000\u202e\ud800é€💥\r\n\t', '=&%+;'];
  const length = Math.floor(rng() * max);
  let s = '';
  for (let i = 0; i < length; i++) s += pick(rng, pick(rng, alphabets).split(''));
  return s;
}

function randomJson(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (depth > 4 || r < 0.25) return pick(rng, [null, true, false, 0, -1, 1e308, 3.5, '', 'x', randomText(rng, 40), 'a'.repeat(5000)]);
  if (r < 0.5) return Array.from({ length: Math.floor(rng() * 5) }, () => randomJson(rng, depth + 1));
  const keys = ['files', 'findings', 'answers', 'flags', 'email', 'password', 'name', 'cohortCode', 'reason', 'program', 'sessionDates', 'lesson', 'check', 'option', 'src/project.ts', '__proto__', 'constructor', 'confirm'];
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rng() * 5); i > 0; i--) obj[pick(rng, keys)] = randomJson(rng, depth + 1);
  return obj;
}

interface FuzzCase {
  method: string;
  path: string;
  identity: keyof typeof identities;
  contentType: string | undefined;
  bodySize: number;
  body: Buffer | undefined;
}

function fillParams(template: string, rng: Rng): string {
  const samples: Record<string, string[]> = {
    id: template.startsWith('/api/exercises') || template.startsWith('/exercises') ? ['s1-project-entity', 'cert-release-entity', 's1-timestamp-tests', 'cert-code-review'] : template.includes('cohorts') ? [cohortId] : ['unknown-certificate-id'],
    program: ['clean-timestamp'],
    lesson: ['welcome', 'base-timestamp-entity'],
    attemptId: ['no-such-attempt'],
    exerciseId: ['cert-release-entity'],
    userId: [learnerId],
  };
  return template.replace(/\[(\w+)\]/g, (_m, name: string) => (rng() < 0.6 ? pick(rng, samples[name] ?? ['x']) : pick(rng, NASTY_SEGMENTS)));
}

/** Sends any text as a request target: bytes outside visible ASCII are percent-encoded (raw '%' stays, so malformed escapes get through). */
function onTheWire(path: string): string {
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) out += byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

function makeCase(template: string, rng: Rng): FuzzCase {
  let path = fillParams(template, rng);
  if (rng() < 0.3) path += `?${pick(rng, ['next', 'q', 'sort', 'page', 'status', 'id'])}=${randomText(rng, 30)}`;
  if (rng() < 0.05) path += pick(rng, ['/', '//', '/extra', '.json']);
  path = onTheWire(path);
  const method = pick(rng, ['GET', 'GET', 'HEAD', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND']);
  const identity = pick(rng, ['anonymous', 'learner', 'learner', 'instructor'] as const);
  let contentType: string | undefined;
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD' && rng() < 0.9) {
    contentType = pick(rng, [undefined, 'application/json', 'application/json', 'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=zz', 'application/xml', 'application/json; charset=utf-16']);
    const shape = rng();
    if (shape < 0.35) body = Buffer.from(JSON.stringify(randomJson(rng)));
    else if (shape < 0.6) body = Buffer.from(new URLSearchParams(Object.entries(randomJson(rng) as object ?? {}).map(([k, v]) => [k, JSON.stringify(v) ?? ''])).toString());
    else if (shape < 0.8) body = Buffer.from(randomText(rng, 500));
    else if (shape < 0.9) body = Buffer.alloc(70 * 1024, 'a');
    else body = Buffer.alloc(300 * 1024, '{');
  }
  return { method, path, identity, contentType, bodySize: body?.length ?? 0, body };
}

function describeCase(c: FuzzCase, r: RawResponse): string {
  return `${c.method} ${c.path} as ${c.identity} (${c.contentType ?? 'no content-type'}, ${c.bodySize} bytes) → ${r.status}: ${r.body.slice(0, 160)}`;
}

beforeAll(async () => {
  server = await startServer();
  const made = server.script('scripts/user-create.ts', ['--email', 'fuzz-teacher@example.com', '--name', 'Fuzz Teacher', '--role', 'instructor', '--password', 'staff-password-1']);
  expect(made.status, made.stderr).toBe(0);
  const instructor = server.client();
  await instructor.logIn('fuzz-teacher@example.com', 'staff-password-1');
  identities.instructor = cookieOf(instructor);
  const created = await instructor.post('/api/cohorts', { name: 'Fuzz cohort', program: 'clean-timestamp', sessionDates: ['2026-11-02', '2026-11-04', '2026-11-06'] });
  const { cohort } = (await created.json()) as { cohort: { id: string; joinCode: string } };
  cohortId = cohort.id;
  const learner = server.client();
  await learner.request('POST', '/api/auth/signup', { json: { email: 'fuzz-learner@example.com', password: 'fuzz-learner-password', name: 'Fuzz Learner', cohortCode: cohort.joinCode } });
  identities.learner = cookieOf(learner);
  const me = (await (await learner.get('/api/me')).json()) as { user: { id: string } };
  learnerId = me.user.id;
}, 120_000);
afterAll(() => server?.stop());

describe('fuzzing every route', () => {
  const templates = routeTemplates();

  it('finds the routes to fuzz', () => {
    expect(templates.length).toBeGreaterThan(40);
    expect(templates).toContain('/api/exercises/[id]/submissions');
    expect(templates).toContain('/cohorts');
  });

  it.each(templates)(`answers ${REQUESTS_PER_ROUTE} random requests to %s without a 5xx`, { timeout: 180_000 }, async (template) => {
    const rng = createRng(SEED ^ [...template].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, 7));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS_PER_ROUTE; i++) {
      const c = makeCase(template, rng);
      const headers: Record<string, string> = { origin: rng() < 0.9 ? server.origin : 'https://evil.example' };
      const cookie = identities[c.identity];
      if (cookie) headers['cookie'] = cookie;
      if (c.contentType) headers['content-type'] = c.contentType;
      if (c.body) headers['content-length'] = String(c.body.length);
      const r = await raw(c.method, c.path, headers, c.body);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status >= 500 || r.status === 0) failures.push(describeCase(c, r));
    }
    expect(failures.slice(0, 5), `${failures.length} of ${REQUESTS_PER_ROUTE} requests got a 5xx; statuses ${JSON.stringify(Object.fromEntries(statuses))}`).toEqual([]);
    // the fuzzer must reach the route, not only bounce off the front door
    expect([...statuses.keys()].some((s) => s < 400 || s === 400 || s === 409 || s === 413 || s === 415), JSON.stringify(Object.fromEntries(statuses))).toBe(true);
  });
});
