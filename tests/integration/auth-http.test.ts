// Accounts over real HTTP against the built server: sign-up, login, logout, origin checks, roles, limits.
// Limits are per client address, so the tests that count use their own loopback source address
// (127.0.0.x: Linux routes the whole 127/8 to the loopback interface) and never share a budget.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('accounts over HTTP', () => {
  it('signs up with 201 and a session cookie, then /api/me knows the user', async () => {
    const c = server.client();
    const res = await c.post('/api/auth/signup', { email: 'ada@example.com', password: 'analytical-engine', name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toMatch(/practicum_session=[a-z0-9]+;.*HttpOnly/i);
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { email: string; role: string }; progress: unknown[] };
    expect(body.user).toMatchObject({ email: 'ada@example.com', role: 'learner' });
    expect(Array.isArray(body.progress)).toBe(true);
  });

  it('answers bad input with clear 4xx errors and stores nothing', async () => {
    const c = server.client();
    const cases: [unknown, number, string][] = [
      [{ email: 'nope', password: 'long-enough-1', name: 'A' }, 400, 'invalid_email'],
      [{ email: 'weak@example.com', password: 'short', name: 'A' }, 400, 'weak_password'],
      [{ email: 'ada@example.com', password: 'long-enough-1', name: 'Ada 2' }, 409, 'duplicate_account'],
    ];
    for (const [input, status, code] of cases) {
      const res = await c.post('/api/auth/signup', input);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string; message: string } }).error.code).toBe(code);
    }
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('refuses oversized bodies with 413 and non-JSON with 415', async () => {
    const c = server.client();
    const big = await c.request('POST', '/api/auth/login', {
      body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(300_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    const form = await c.request('POST', '/api/auth/login', { body: 'email=a', headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
  });

  it('rejects state-changing requests without a matching Origin', async () => {
    const c = server.client();
    const none = await c.request('POST', '/api/auth/signup', { json: { email: 'o@example.com', password: 'long-enough-1', name: 'O' }, origin: null });
    const foreign = await c.request('POST', '/api/auth/signup', {
      json: { email: 'o@example.com', password: 'long-enough-1', name: 'O' },
      origin: 'https://evil.example',
    });
    expect([none.status, foreign.status]).toEqual([403, 403]);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('bad_origin');
  });

  it('logs in with the right password only, with one message for wrong password and unknown email', async () => {
    const c = server.client();
    const wrong = await c.post('/api/auth/login', { email: 'ada@example.com', password: 'wrong-password-1' });
    const unknown = await c.post('/api/auth/login', { email: 'nobody@example.com', password: 'wrong-password-1' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.text()).toBe(await unknown.text());
    expect((await c.post('/api/auth/login', { email: 'ADA@example.com', password: 'analytical-engine' })).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('gives 401 to anonymous and 403 to learners on instructor routes; instructors get their cohorts', async () => {
    const anon = server.client();
    expect((await anon.get('/api/cohorts')).status).toBe(401);
    const learner = server.client();
    await learner.signUp('learner@example.com');
    const forbidden = await learner.get('/api/cohorts');
    expect(forbidden.status).toBe(403);
    const created = server.script('scripts/user-create.ts', ['--email', 'teach@example.com', '--name', 'Teach', '--role', 'instructor', '--password', 'instructor-pass-1']);
    expect(created.status, created.stderr).toBe(0);
    const instructor = server.client();
    await instructor.logIn('teach@example.com', 'instructor-pass-1');
    const ok = await instructor.get('/api/cohorts');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ cohorts: [] });
  });

  it('serves the sign-in and sign-up forms and accepts a form sign-up without JavaScript', async () => {
    const c = server.client();
    expect((await c.get('/login')).status).toBe(200);
    const res = await c.request('POST', '/signup', {
      body: new URLSearchParams({ name: 'Form User', email: 'form@example.com', password: 'form-password-1', cohortCode: '' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/programs');
    const bad = await server.client().request('POST', '/signup', {
      body: new URLSearchParams({ name: 'Form User', email: 'form@example.com', password: 'form-password-1' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.status).toBe(409);
    expect(await bad.text()).toContain('An account with this email already exists');
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = { error: { code: string; message: string } }>(): T;
}

/**
 * A cookie-keeping HTTP client that connects to the test server from a chosen loopback address (fetch
 * cannot pick one). `origin` is only what it claims in the Origin header; it always connects to the server.
 */
class AddressClient {
  readonly cookies = new Map<string, string>();
  readonly address: string;
  readonly origin: string;
  constructor(address: string, origin = server.origin) {
    this.address = address;
    this.origin = origin;
  }

  send(method: string, path: string, opts: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Answer> {
    const url = new URL(path, server.origin);
    const headers: Record<string, string> = { origin: this.origin, ...opts.headers };
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    } else if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (method === 'GET') delete headers['origin'];
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const target = { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method, headers, localAddress: this.address };
      const req = httpRequest(target, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          for (const cookie of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = cookie.split(';');
            const at = pair.indexOf('=');
            const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
            if (value) this.cookies.set(name, value);
            else this.cookies.delete(name);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  post(path: string, json: unknown): Promise<Answer> {
    return this.send('POST', path, { json });
  }
  logIn(email: string, password: string): Promise<Answer> {
    return this.post('/api/auth/login', { email, password });
  }
  async signUp(email: string, opts: { password?: string; cohortCode?: string; name?: string } = {}): Promise<Answer> {
    const res = await this.post('/api/auth/signup', { email, password: opts.password ?? 'class-password-1', name: opts.name ?? 'Learner', cohortCode: opts.cohortCode });
    return res;
  }
}

const PASSWORD = 'class-password-1';

async function instructorCohort(address: string): Promise<string> {
  const email = `teacher-${address}@example.com`;
  const created = server.script('scripts/user-create.ts', ['--email', email, '--name', 'Teacher', '--role', 'instructor', '--password', 'instructor-pass-1']);
  expect(created.status, created.stderr).toBe(0);
  const teacher = new AddressClient(address);
  expect((await teacher.logIn(email, 'instructor-pass-1')).status).toBe(200);
  const res = await teacher.post('/api/cohorts', { name: 'Exam day', program: 'clean-timestamp', sessionDates: ['2026-11-02', '2026-11-04', '2026-11-06'] });
  expect(res.status, res.text).toBe(201);
  return res.json<{ cohort: { joinCode: string } }>().cohort.joinCode;
}

describe('sign-in limits over HTTP', () => {
  it('exam day: a class behind one address joins with its cohort code and 40 concurrent correct sign-ins all succeed', async () => {
    const nat = '127.0.0.11';
    const code = await instructorCohort(nat);
    // Far more sign-ups than the anonymous limit (5 an hour per address): the valid join code has its own allowance.
    for (let i = 0; i < 40; i++) {
      const res = await new AddressClient(nat).signUp(`candidate${i}@example.com`, { cohortCode: code });
      expect(res.status, res.text).toBe(201);
    }
    // Fresh browsers (no known-device cookie), all at once, from the one address.
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => new AddressClient(nat).logIn(`candidate${i}@example.com`, PASSWORD)));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    // The anonymous allowance was not touched by the cohort sign-ups; a wrong code uses it up and never raises it.
    for (let i = 0; i < 5; i++) {
      const res = await new AddressClient(nat).signUp(`walkin${i}@example.com`, { cohortCode: `WRONG23${i}` });
      expect([res.status, res.json().error.code]).toEqual([400, 'unknown_cohort_code']);
    }
    const blocked = await new AddressClient(nat).signUp('walkin9@example.com', { cohortCode: 'WRONG299' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const anonymous = await new AddressClient(nat).signUp('walkin10@example.com');
    expect(anonymous.status).toBe(429);
    // …while the class can still join with the valid code.
    expect((await new AddressClient(nat).signUp('late@example.com', { cohortCode: code })).status).toBe(201);
  });

  it('stops guessing at one account, yet its owner gets in: at once from a known browser, after a short wait from a new one', async () => {
    const address = '127.0.0.12';
    const owner = new AddressClient(address);
    const joined = await owner.signUp('target@example.com');
    expect(joined.status).toBe(201);
    // The known-browser cookie: random, script-proof, sent only to this site, kept for the trust period.
    const deviceCookie = ([] as string[]).concat(joined.headers['set-cookie'] ?? []).find((c) => c.startsWith('practicum_device='));
    expect(deviceCookie).toMatch(/^practicum_device=[0-9a-f]{40}; .*Max-Age=7776000/);
    expect(deviceCookie).toMatch(/; HttpOnly/i);
    expect(deviceCookie).toMatch(/; SameSite=Lax/i);
    expect(deviceCookie).toMatch(/; Path=\//i);
    const attacker = new AddressClient('127.0.0.22');
    for (let i = 0; i < 5; i++) expect((await attacker.logIn('target@example.com', `guess-number-${i}`)).status).toBe(401);
    const stopped = await attacker.logIn('target@example.com', 'guess-number-5');
    expect(stopped.status).toBe(429);
    expect(stopped.headers['retry-after']).toBe('2');
    // The right password is not even checked for the guesser while the account is held.
    expect((await attacker.logIn('target@example.com', PASSWORD)).status).toBe(429);
    // A burst does not slip through either.
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => attacker.logIn('target@example.com', `burst-guess-${i}`)));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(429));
    // The owner's browser, known to the account, is not held up — not even on the guesser's address.
    expect((await owner.logIn('target@example.com', PASSWORD)).status).toBe(200);
    const ownerOnAttackerAddress = new AddressClient('127.0.0.22');
    ownerOnAttackerAddress.cookies.set('practicum_device', owner.cookies.get('practicum_device')!);
    expect((await ownerOnAttackerAddress.logIn('target@example.com', PASSWORD)).status).toBe(200);
    // A new browser waits the short spacing (no hour-long lock), then gets in with the right password.
    const newBrowser = new AddressClient('127.0.0.32');
    const held = await newBrowser.logIn('target@example.com', PASSWORD);
    expect(held.status).toBe(429);
    const wait = Number(held.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    expect((await newBrowser.logIn('target@example.com', PASSWORD)).status).toBe(200);
  });

  it('a successful sign-in does not reset the address count: 9 guesses + 1 own sign-in, repeated, is stopped at the limit', async () => {
    const address = '127.0.0.13';
    const me = new AddressClient(address);
    expect((await me.signUp('guesser@example.com')).status).toBe(201);
    let failures = 0;
    while (failures < 30) {
      // The own sign-in from a fresh browser: the path that used to reset the counter.
      expect((await new AddressClient(address).logIn('guesser@example.com', PASSWORD)).status).toBe(200);
      for (let g = 0; g < 9 && failures < 30; g++, failures++) {
        expect((await new AddressClient(address).logIn(`someone${failures}@example.com`, 'guess-password-1')).status).toBe(401);
      }
    }
    const stopped = await new AddressClient(address).logIn('someone-else@example.com', 'guess-password-1');
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(stopped.headers['retry-after'])).toBeLessThanOrEqual(900);
    // An unknown browser on that address is held; the known one (a classmate on their own machine) is not.
    expect((await new AddressClient(address).logIn('guesser@example.com', PASSWORD)).status).toBe(429);
    expect((await me.logIn('guesser@example.com', PASSWORD)).status).toBe(200);
    // Other addresses are unaffected.
    expect((await new AddressClient('127.0.0.23').logIn('someone-else@example.com', 'guess-password-1')).status).toBe(401);
  });

  it('successes never count toward a lock: 22 correct sign-ins in a row, then the full failure allowance', async () => {
    const address = '127.0.0.14';
    expect((await new AddressClient(address).signUp('regular@example.com')).status).toBe(201);
    for (let i = 0; i < 22; i++) expect((await new AddressClient(address).logIn('regular@example.com', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await new AddressClient(address).logIn('regular@example.com', `wrong-password-${i}`)).status).toBe(401);
    expect((await new AddressClient(address).logIn('regular@example.com', 'wrong-password-9')).status).toBe(429);
  });

  it('refuses a common password and stores a name without control or bidirectional characters', async () => {
    const c = new AddressClient('127.0.0.15');
    const weak = await c.signUp('common@example.com', { password: 'Password123' });
    expect([weak.status, weak.json().error.code]).toEqual([400, 'weak_password']);
    expect(weak.json().error.message).toMatch(/common and easily guessed/);
    const ok = await c.signUp('bidi@example.com', { name: '\u202EAda\u0007 Lovelace\u2069' });
    expect(ok.status, ok.text).toBe(201);
    const me = await c.send('GET', '/api/me');
    expect(me.json<{ user: { name: string } }>().user.name).toBe('Ada Lovelace');
    const empty = await new AddressClient('127.0.0.15').signUp('empty@example.com', { name: '\u202E\u200F\t' });
    expect([empty.status, empty.json().error.code]).toEqual([400, 'invalid_name']);
  });
});

describe('redirect after sign-in over HTTP', () => {
  let c: AddressClient;
  beforeAll(async () => {
    c = new AddressClient('127.0.0.16');
    expect((await c.signUp('redirect@example.com')).status).toBe(201);
    c.cookies.delete('practicum_session');
  });

  const formLogIn = (next: string) => c.send('POST', '/login', { form: { email: 'redirect@example.com', password: PASSWORD, next } });

  it.each([
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['//evil.example'],
    ['/%2F/evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
  ])('a posted next of %j lands on /me', async (next) => {
    const res = await formLogIn(next);
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/me');
    c.cookies.delete('practicum_session');
  });

  it('keeps a same-origin next', async () => {
    const res = await formLogIn('/programs?from=login#top');
    expect([res.status, res.headers['location']]).toEqual([303, '/programs?from=login#top']);
    c.cookies.delete('practicum_session');
  });

  it.each(['%2F%09%2Fevil.example', '%0A', '%2F%0D%0ASet-Cookie:%20x=1', '%2F%5Cevil.example'])('GET /login?next=%s renders the form (no 500) with a safe next', async (raw) => {
    const res = await c.send('GET', `/login?next=${raw}`);
    expect(res.status).toBe(200);
    // No safe page asked for the sign-in: the field is empty and the account's role decides where it lands.
    expect(res.text).toMatch(/<input type="hidden" name="next" value(="")?>/);
  });

  it('a signed-in visitor sent to /login?next=<hostile> is redirected on this site', async () => {
    expect((await c.logIn('redirect@example.com', PASSWORD)).status).toBe(200);
    const res = await c.send('GET', '/login?next=%2F%09%2Fevil.example');
    expect([res.status, res.headers['location']]).toEqual([302, '/me']);
    c.cookies.delete('practicum_session');
  });
});

describe('origin check over HTTP', () => {
  it('compares Origin with PUBLIC_ORIGIN, not with the Host header (DNS rebinding)', async () => {
    const port = new URL(server.origin).port;
    const rebound = new AddressClient('127.0.0.17', `http://evil.example:${port}`);
    const res = await rebound.send('POST', '/api/auth/login', {
      json: { email: 'ada@example.com', password: 'analytical-engine' },
      headers: { host: `evil.example:${port}` },
    });
    expect(res.status).toBe(403);
    expect(res.json().error.code).toBe('bad_origin');
  });
});
