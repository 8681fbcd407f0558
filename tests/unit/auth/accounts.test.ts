import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { logIn, signUp } from '../../../src/server/auth/accounts.ts';
import { createLucia } from '../../../src/server/auth/lucia.ts';
import { hashSessionId } from '../../../src/server/auth/adapter.ts';
import { passwordProblem } from '../../../src/server/auth/password.ts';
import { HttpError } from '../../../src/server/http.ts';
import { createCohort } from '../../../src/server/db/cohorts.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
let app: App;
beforeEach(() => {
  t = tempDb();
  app = { db: t.db, auth: createLucia(t.db, { secureCookies: false }), config: {} as App['config'] };
});
afterEach(() => t.cleanup());

async function httpError(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('sign-up', () => {
  it('creates a learner with an argon2id hash, never the password', async () => {
    const user = await signUp(app, { email: ' Ada@Example.COM ', password: 'analytical-engine', name: ' Ada  Lovelace ' }, 'ip');
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', role: 'learner' });
    const row = t.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(user.id) as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('analytical-engine');
  });

  it.each([
    [{ email: 'not-an-email', password: 'long-enough-1', name: 'A' }, 400, 'invalid_email'],
    [{ email: 'a@b.co', password: 'short', name: 'A' }, 400, 'weak_password'],
    [{ email: 'a@b.co', password: 'long-enough-1', name: '' }, 400, 'invalid_name'],
    [{ email: 'a@b.co', password: 'long-enough-1', name: 'A', cohortCode: 'NOPE1234' }, 400, 'unknown_cohort_code'],
  ])('rejects %j with %i %s', async (input, status, code) => {
    const error = await httpError(signUp(app, input, 'ip'));
    expect([error.status, error.code]).toEqual([status, code]);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
  });

  it('refuses a duplicate account whatever the email case', async () => {
    await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
    const error = await httpError(signUp(app, { email: 'A@B.CO', password: 'long-enough-2', name: 'B' }, 'ip2'));
    expect([error.status, error.code]).toEqual([409, 'duplicate_account']);
  });

  it('joins the cohort named by a join code', async () => {
    const owner = await signUp(app, { email: 'i@b.co', password: 'long-enough-1', name: 'I' }, 'ip');
    const cohort = createCohort(t.db, { name: 'C', program: 'p', ownerId: owner.id, sessionDates: [] });
    const user = await signUp(app, { email: 'l@b.co', password: 'long-enough-1', name: 'L', cohortCode: cohort.joinCode.toLowerCase() }, 'ip');
    expect(t.db.prepare('SELECT cohort_id FROM cohort_members WHERE user_id = ?').get(user.id)).toEqual({ cohort_id: cohort.id });
  });

  it('is rate limited per client', async () => {
    for (let i = 0; i < 5; i++) await signUp(app, { email: `u${i}@b.co`, password: 'long-enough-1', name: 'U' }, 'same-ip');
    const error = await httpError(signUp(app, { email: 'u9@b.co', password: 'long-enough-1', name: 'U' }, 'same-ip'));
    expect(error.status).toBe(429);
    expect(Number(error.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('login', () => {
  beforeEach(async () => {
    await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
  });

  it('accepts the right password', async () => {
    expect((await logIn(app, { email: 'A@b.co', password: 'long-enough-1' }, 'ip')).email).toBe('a@b.co');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await httpError(logIn(app, { email: 'a@b.co', password: 'nope-nope-nope' }, 'ip'));
    const unknown = await httpError(logIn(app, { email: 'who@b.co', password: 'nope-nope-nope' }, 'ip'));
    expect([wrong.status, wrong.message]).toEqual([401, 'Email or password is incorrect.']);
    expect([unknown.status, unknown.message]).toEqual([wrong.status, wrong.message]);
  });

  it('locks out after repeated failures from one client', async () => {
    for (let i = 0; i < 10; i++) await httpError(logIn(app, { email: 'a@b.co', password: 'wrong-wrong-1' }, 'ip'));
    const error = await httpError(logIn(app, { email: 'a@b.co', password: 'long-enough-1' }, 'ip'));
    expect(error.status).toBe(429);
  });
});

describe('sessions', () => {
  it('store only a hash of the token and validate it', async () => {
    const user = await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
    const session = await app.auth.createSession(user.id, {});
    const stored = t.db.prepare('SELECT id FROM sessions').get() as { id: string };
    expect(stored.id).toBe(hashSessionId(session.id));
    expect(stored.id).not.toBe(session.id);
    const { user: found } = await app.auth.validateSession(session.id);
    expect(found).toMatchObject({ id: user.id, role: 'learner', email: 'a@b.co' });
    expect((await app.auth.validateSession(stored.id)).session).toBeNull();
  });

  it('slide: a session past half its life is extended and marked fresh', async () => {
    const user = await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
    const session = await app.auth.createSession(user.id, {});
    const soon = Date.now() + 5 * 24 * 3600_000;
    t.db.prepare('UPDATE sessions SET expires_at = ?').run(soon);
    const { session: validated } = await app.auth.validateSession(session.id);
    expect(validated?.fresh).toBe(true);
    expect(validated!.expiresAt.getTime()).toBeGreaterThan(soon + 20 * 24 * 3600_000);
  });

  it('expire', async () => {
    const user = await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
    const session = await app.auth.createSession(user.id, {});
    t.db.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1);
    expect((await app.auth.validateSession(session.id)).session).toBeNull();
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });
});

describe('password policy', () => {
  it('needs 10 to 256 characters, not one repeated character', () => {
    expect(passwordProblem('123456789')).toMatch(/at least 10/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/repeated/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('good enough pass')).toBeNull();
  });
});
