import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { logIn, signUp } from '../../../src/server/auth/accounts.ts';
import { createLucia } from '../../../src/server/auth/lucia.ts';
import { hashSessionId } from '../../../src/server/auth/adapter.ts';
import { rememberDevice } from '../../../src/server/auth/devices.ts';
import { hashPassword } from '../../../src/server/auth/password.ts';
import { loadAuthSettings } from '../../../src/server/auth/settings.ts';
import { HttpError } from '../../../src/server/http.ts';
import { insertCohort } from '../../../src/server/db/cohorts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
let app: App;
beforeEach(async () => {
  t = await tempDb();
  app = { db: t.db, auth: createLucia(t.db, { secureCookies: false }), config: { auth: loadAuthSettings({}) } as App['config'] };
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
    const row = await t.db.get('SELECT password_hash FROM users WHERE id = ?', user.id) as { password_hash: string };
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
    expect(await t.db.get('SELECT COUNT(*) AS n FROM users')).toEqual({ n: 0 });
  });

  it('refuses a duplicate account whatever the email case', async () => {
    await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
    const error = await httpError(signUp(app, { email: 'A@B.CO', password: 'long-enough-2', name: 'B' }, 'ip2'));
    expect([error.status, error.code]).toEqual([409, 'duplicate_account']);
  });

  it('joins the cohort named by a join code', async () => {
    const owner = await signUp(app, { email: 'i@b.co', password: 'long-enough-1', name: 'I' }, 'ip');
    const cohort = await insertCohort(t.db, { name: 'C', program: 'p', ownerId: owner.id, sessionDates: [] });
    const user = await signUp(app, { email: 'l@b.co', password: 'long-enough-1', name: 'L', cohortCode: cohort.joinCode.toLowerCase() }, 'ip');
    expect(await t.db.get('SELECT cohort_id FROM cohort_members WHERE user_id = ?', user.id)).toEqual({ cohort_id: cohort.id });
  });

  it('is rate limited per client', async () => {
    for (let i = 0; i < 5; i++) await signUp(app, { email: `u${i}@b.co`, password: 'long-enough-1', name: 'U' }, 'same-ip');
    const error = await httpError(signUp(app, { email: 'u9@b.co', password: 'long-enough-1', name: 'U' }, 'same-ip'));
    expect(error.status).toBe(429);
    expect(Number(error.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets a class join with a valid cohort code past the anonymous limit; a wrong code does not raise it', async () => {
    const owner = await signUp(app, { email: 'i@b.co', password: 'long-enough-1', name: 'I' }, 'staff-ip');
    const cohort = await insertCohort(t.db, { name: 'C', program: 'p', ownerId: owner.id, sessionDates: [] });
    for (let i = 0; i < 5; i++) await signUp(app, { email: `anon${i}@b.co`, password: 'long-enough-1', name: 'U' }, 'nat');
    expect((await httpError(signUp(app, { email: 'anon9@b.co', password: 'long-enough-1', name: 'U' }, 'nat'))).status).toBe(429);
    for (let i = 0; i < 12; i++) {
      await signUp(app, { email: `class${i}@b.co`, password: 'long-enough-1', name: 'U', cohortCode: cohort.joinCode }, 'nat');
    }
    expect(await t.db.get('SELECT COUNT(*) AS n FROM cohort_members WHERE cohort_id = ?', cohort.id)).toEqual({ n: 12 });
    const wrongCode = await httpError(signUp(app, { email: 'w@b.co', password: 'long-enough-1', name: 'U', cohortCode: 'WRONG234' }, 'nat'));
    expect(wrongCode.status).toBe(429);
    // On a fresh address a wrong code is refused as such, and uses up the ordinary allowance.
    for (let i = 0; i < 5; i++) {
      const e = await httpError(signUp(app, { email: `g${i}@b.co`, password: 'long-enough-1', name: 'U', cohortCode: `WRONG23${i}` }, 'guesser'));
      expect(e.code).toBe('unknown_cohort_code');
    }
    expect((await httpError(signUp(app, { email: 'g9@b.co', password: 'long-enough-1', name: 'U', cohortCode: 'WRONG299' }, 'guesser'))).status).toBe(429);
  });

  it('honours a lower cohort limit from the environment', async () => {
    app.config.auth = loadAuthSettings({ AUTH_COHORT_SIGNUP_LIMIT: '2' });
    const owner = await signUp(app, { email: 'i@b.co', password: 'long-enough-1', name: 'I' }, 'staff-ip');
    const cohort = await insertCohort(t.db, { name: 'C', program: 'p', ownerId: owner.id, sessionDates: [] });
    for (let i = 0; i < 2; i++) await signUp(app, { email: `c${i}@b.co`, password: 'long-enough-1', name: 'U', cohortCode: cohort.joinCode }, 'nat');
    const error = await httpError(signUp(app, { email: 'c9@b.co', password: 'long-enough-1', name: 'U', cohortCode: cohort.joinCode }, 'nat'));
    expect(error.status).toBe(429);
  });

  it('refuses a common password with a clear message', async () => {
    const error = await httpError(signUp(app, { email: 'p@b.co', password: 'Password123', name: 'P' }, 'ip'));
    expect([error.status, error.code]).toEqual([400, 'weak_password']);
    expect(error.message).toMatch(/list of passwords that are common/);
  });

  it('stores the name cleaned of control and bidirectional characters, and refuses one left empty', async () => {
    const user = await signUp(app, { email: 'n@b.co', password: 'long-enough-1', name: '\u202EAda\tLove\u0000lace\u2066 ' }, 'ip');
    expect(user.name).toBe('Ada Lovelace');
    expect(await t.db.get('SELECT name FROM users WHERE id = ?', user.id)).toEqual({ name: 'Ada Lovelace' });
    const empty = await httpError(signUp(app, { email: 'e@b.co', password: 'long-enough-1', name: '\u202E\u200F\u0007 \t' }, 'ip'));
    expect([empty.status, empty.code]).toEqual([400, 'invalid_name']);
  });
});

describe('login', () => {
  beforeEach(async () => {
    await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
  });

  it('accepts the right password', async () => {
    expect((await logIn(app, { email: 'A@b.co', password: 'long-enough-1' }, { address: 'ip' })).email).toBe('a@b.co');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await httpError(logIn(app, { email: 'a@b.co', password: 'nope-nope-nope' }, { address: 'ip' }));
    const unknown = await httpError(logIn(app, { email: 'who@b.co', password: 'nope-nope-nope' }, { address: 'ip' }));
    expect([wrong.status, wrong.message]).toEqual([401, 'Email or password is incorrect.']);
    expect([unknown.status, unknown.message]).toEqual([wrong.status, wrong.message]);
  });

  it('spaces out guesses at one account: after the free failures even the right password waits (not checked)', async () => {
    for (let i = 0; i < 5; i++) expect((await httpError(logIn(app, { email: 'a@b.co', password: `wrong-wrong-${i}` }, { address: 'ip' }))).status).toBe(401);
    const held = await httpError(logIn(app, { email: 'a@b.co', password: 'long-enough-1' }, { address: 'other-ip' }));
    expect([held.status, held.code, held.headers['retry-after']]).toEqual([429, 'rate_limited', '2']);
    expect(held.message).toMatch(/Try again in 2 seconds; a browser you have signed in with before can sign in now/);
    // A browser this account signed in with before is not held up.
    const device = await rememberDevice(t.db, undefined, (await t.db.get("SELECT id FROM users WHERE email = 'a@b.co'") as { id: string }).id);
    expect((await logIn(app, { email: 'a@b.co', password: 'long-enough-1' }, { address: 'ip', deviceToken: device })).email).toBe('a@b.co');
    // Nor after the short spacing has passed, from anywhere.
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await logIn(app, { email: 'a@b.co', password: 'long-enough-1' }, { address: 'third-ip' })).email).toBe('a@b.co');
  });

  it('never counts a success: 22 correct sign-ins in a row, then the full failure allowance', async () => {
    for (let i = 0; i < 22; i++) await logIn(app, { email: 'a@b.co', password: 'long-enough-1' }, { address: 'ip' });
    for (let i = 0; i < 5; i++) expect((await httpError(logIn(app, { email: 'a@b.co', password: 'wrong-wrong-1' }, { address: 'ip' }))).status).toBe(401);
    expect((await httpError(logIn(app, { email: 'a@b.co', password: 'wrong-wrong-1' }, { address: 'ip' }))).status).toBe(429);
  });

  it('lets 40 concurrent correct sign-ins from one address all in (a class behind one NAT)', async () => {
    const passwordHash = await hashPassword('class-password-1');
    for (let i = 0; i < 40; i++) await createUser(t.db, { email: `s${i}@class.example`, name: `S ${i}`, passwordHash });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => logIn(app, { email: `s${i}@class.example`, password: 'class-password-1' }, { address: 'nat' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
    expect(await t.db.get('SELECT COUNT(*) AS n FROM sign_in_attempts')).toEqual({ n: 0 });
  });

  it('stops a concurrent burst of guesses at one account at the free failures', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => logIn(app, { email: 'a@b.co', password: `burst-guess-${i}` }, { address: `burst-${i}` })),
    );
    const statuses = results.map((r) => (r.status === 'rejected' && r.reason instanceof HttpError ? r.reason.status : 200));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('answers absurdly long input as wrong credentials without counting it', async () => {
    const error = await httpError(logIn(app, { email: 'a@b.co', password: 'x'.repeat(10_000) }, { address: 'ip' }));
    expect(error.status).toBe(401);
    expect(await t.db.get('SELECT COUNT(*) AS n FROM sign_in_attempts')).toEqual({ n: 0 });
  });
});

describe('sessions', () => {
  it('store only a hash of the token and validate it', async () => {
    const user = await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
    const session = await app.auth.createSession(user.id, {});
    const stored = await t.db.get('SELECT id FROM sessions') as { id: string };
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
    await t.db.run('UPDATE sessions SET expires_at = ?', soon);
    const { session: validated } = await app.auth.validateSession(session.id);
    expect(validated?.fresh).toBe(true);
    expect(validated!.expiresAt.getTime()).toBeGreaterThan(soon + 20 * 24 * 3600_000);
  });

  it('expire', async () => {
    const user = await signUp(app, { email: 'a@b.co', password: 'long-enough-1', name: 'A' }, 'ip');
    const session = await app.auth.createSession(user.id, {});
    await t.db.run('UPDATE sessions SET expires_at = ?', Date.now() - 1);
    expect((await app.auth.validateSession(session.id)).session).toBeNull();
    expect(await t.db.get('SELECT COUNT(*) AS n FROM sessions')).toEqual({ n: 0 });
  });
});
