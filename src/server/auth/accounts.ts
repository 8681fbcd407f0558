// Sign-up and sign-in rules shared by the JSON API and the HTML forms.
import type { App } from '../app.ts';
import { HttpError } from '../http.ts';
import { createUser, DuplicateEmailError, findUserByEmail, type User } from '../db/users.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { consume, reset, RULES } from './rate-limit.ts';
import { joinCohortByCode } from '../db/cohorts.ts';

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export interface SignUpInput {
  email?: unknown;
  password?: unknown;
  name?: unknown;
  cohortCode?: unknown;
}

function field(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_input', `${name} is required.`, { details: { field: name } });
  return value;
}

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export async function signUp(app: App, input: SignUpInput, clientKey: string): Promise<User> {
  const email = normaliseEmail(field(input.email, 'email'));
  const password = field(input.password, 'password');
  const name = field(input.name, 'name').trim().replace(/\s+/g, ' ');
  const cohortCode = typeof input.cohortCode === 'string' ? input.cohortCode.trim() : '';
  if (!EMAIL.test(email) || email.length > 254) {
    throw new HttpError(400, 'invalid_email', 'Enter a valid email address, like ada@example.com.', { details: { field: 'email' } });
  }
  const weak = passwordProblem(password);
  if (weak) throw new HttpError(400, 'weak_password', weak, { details: { field: 'password' } });
  if (name.length < 1 || name.length > 100) {
    throw new HttpError(400, 'invalid_name', 'Enter your name (1 to 100 characters); it appears on your certificate.', {
      details: { field: 'name' },
    });
  }
  const limited = consume(app.db, RULES.signup, clientKey);
  if (!limited.ok) {
    throw new HttpError(429, 'rate_limited', 'Too many sign-ups from this address. Try again later.', {
      headers: { 'retry-after': String(limited.retryAfterSeconds) },
    });
  }
  const passwordHash = await hashPassword(password);
  try {
    return app.db.transaction(() => {
      const user = createUser(app.db, { email, name, passwordHash });
      if (cohortCode) joinCohortByCode(app.db, cohortCode, user.id);
      return user;
    })();
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      throw new HttpError(409, 'duplicate_account', error.message, { details: { field: 'email' } });
    }
    throw error;
  }
}

export async function logIn(app: App, input: { email: unknown; password: unknown }, clientKey: string): Promise<User> {
  const email = normaliseEmail(typeof input.email === 'string' ? input.email : '');
  const password = typeof input.password === 'string' ? input.password : '';
  if (!email || !password) throw new HttpError(400, 'invalid_input', 'Enter your email and password.');
  for (const [rule, key] of [
    [RULES.login, clientKey],
    [RULES.loginAccount, email],
  ] as const) {
    const limited = consume(app.db, rule, key);
    if (!limited.ok) {
      throw new HttpError(429, 'rate_limited', 'Too many sign-in attempts. Wait a few minutes and try again.', {
        headers: { 'retry-after': String(limited.retryAfterSeconds) },
      });
    }
  }
  const found = findUserByEmail(app.db, email);
  const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), password);
  if (!found || !ok) throw new HttpError(401, 'invalid_credentials', 'Email or password is incorrect.');
  reset(app.db, RULES.login, clientKey);
  const { passwordHash: _omit, ...user } = found;
  return user;
}
