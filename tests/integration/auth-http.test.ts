// Accounts over real HTTP against the built server: sign-up, login, logout, origin checks, roles, limits.
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
