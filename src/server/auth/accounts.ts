// Sign-up and sign-in rules shared by the JSON API and the HTML forms: input checks, the sign-up limits
// (per address; a valid cohort join code has its own, larger one) and throttled password checks.
import type { App } from '../app.ts';
import { HttpError } from '../http.ts';
import { createUser, DuplicateEmailError, findUserByEmail, type User } from '../db/users.ts';
import { findCohortByCode } from '../db/cohorts.ts';
import { joinCohortByCode } from '../cohorts/membership.ts';
import { decoyHash, hashPassword, MAX_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './password.ts';
import { consume, pruneRateLimits, type RateLimitRule } from './rate-limit.ts';
import { addressKey, admit, pruneSignInRecords, settle, waitForSettle, type Attempt, type SignInSubject } from './sign-in-throttle.ts';
import { knownDeviceKey } from './devices.ts';
import { cleanName, nameProblem } from './names.ts';
import type { AuthSettings } from './settings.ts';

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
export const MAX_EMAIL_LENGTH = 254;
// Control and bidirectional-override characters have no place in an address and could disguise one.
const INVISIBLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** How long a sign-in waits for other attempts from its address or on its account to finish before giving up. */
const MAX_WAIT_MS = 10_000;

export interface SignUpInput {
  email?: unknown;
  password?: unknown;
  name?: unknown;
  cohortCode?: unknown;
}

/** Where a sign-in comes from: the client address and the known-browser cookie, if any. */
export interface SignInClient {
  address: string;
  deviceToken?: string | undefined;
}

function field(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_input', `${name} is required.`, { details: { field: name } });
  return value;
}

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email) && !INVISIBLE.test(email);
}

function duration(seconds: number): string {
  return seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
}

function tooMany(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(429, 'rate_limited', message, { headers: { 'retry-after': String(retryAfterSeconds) } });
}

function signUpRules(settings: AuthSettings): { anonymous: RateLimitRule; cohort: RateLimitRule } {
  return {
    anonymous: { bucket: 'signup', limit: settings.signupLimit, windowMs: settings.signupWindowMs },
    cohort: { bucket: 'signup-cohort', limit: settings.cohortSignupLimit, windowMs: settings.signupWindowMs },
  };
}

export async function signUp(app: App, input: SignUpInput, clientAddress: string): Promise<User> {
  const email = normaliseEmail(field(input.email, 'email'));
  const password = field(input.password, 'password');
  const name = cleanName(field(input.name, 'name'));
  const cohortCode = typeof input.cohortCode === 'string' ? input.cohortCode.trim() : '';
  if (!isValidEmail(email)) {
    throw new HttpError(400, 'invalid_email', 'Enter a valid email address, like ada@example.com.', { details: { field: 'email' } });
  }
  const weak = passwordProblem(password);
  if (weak) throw new HttpError(400, 'weak_password', weak, { details: { field: 'password' } });
  const badName = nameProblem(name);
  if (badName) throw new HttpError(400, 'invalid_name', badName, { details: { field: 'name' } });

  // A valid join code counts against that cohort's own allowance for this address, so a class behind one
  // NAT can join together; a wrong code counts against the ordinary one, so codes cannot be guessed freely.
  const address = addressKey(clientAddress);
  const cohort = cohortCode ? await findCohortByCode(app.db, cohortCode) : null;
  const rules = signUpRules(app.config.auth);
  const limited = cohort ? await consume(app.db, rules.cohort, `${address}|${cohort.id}`) : await consume(app.db, rules.anonymous, address);
  if (!limited.ok) {
    throw tooMany(`Too many sign-ups from your network. Try again in ${duration(limited.retryAfterSeconds)}.`, limited.retryAfterSeconds);
  }
  if (cohortCode && !cohort) {
    throw new HttpError(400, 'unknown_cohort_code', `No cohort has the join code "${cohortCode}". Check the code with your instructor.`, {
      details: { field: 'cohortCode' },
    });
  }
  const passwordHash = await hashPassword(password);
  try {
    return await app.db.transaction(async (tx) => {
      const user = await createUser(tx, { email, name, passwordHash });
      // Joining by code (not by the cohort found above) refuses a cohort deleted while the password was hashed.
      if (cohortCode) await joinCohortByCode(tx, cohortCode, user.id);
      return user;
    });
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      throw new HttpError(409, 'duplicate_account', error.message, { details: { field: 'email' } });
    }
    throw error;
  }
}

/** Waits until the throttle lets this attempt's password be checked, or throws the 429 that says why not. */
async function enterAttempt(app: App, subject: SignInSubject): Promise<Attempt> {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const admission = await admit(app.db, app.config.auth, subject);
    if (admission.kind === 'admitted') return admission.attempt;
    if (admission.kind === 'refused') {
      const after = duration(admission.retryAfterSeconds);
      throw tooMany(
        admission.by === 'ip'
          ? `Too many failed sign-ins from your network. Try again in ${after}; a browser you have signed in with before can sign in now.`
          : `Too many failed sign-ins to this account. Try again in ${after}; a browser you have signed in with before can sign in now.`,
        admission.retryAfterSeconds,
      );
    }
    const settled = Date.now() < deadline ? waitForSettle(admission.keys) : false;
    if (settled === false) throw tooMany('Many sign-ins are in progress from your network. Try again in a few seconds.', 2);
    await settled;
  }
}

export async function logIn(app: App, input: { email: unknown; password: unknown }, client: SignInClient): Promise<User> {
  const email = normaliseEmail(typeof input.email === 'string' ? input.email : '');
  const password = typeof input.password === 'string' ? input.password : '';
  if (!email || !password) throw new HttpError(400, 'invalid_input', 'Enter your email and password.');
  const wrong = new HttpError(401, 'invalid_credentials', 'Email or password is incorrect.');
  // No account can have these (sign-up refuses them): answer without spending a password check or a counter row.
  if (email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) throw wrong;

  const settings = app.config.auth;
  // Sign-ins are frequent enough to keep the limit tables small without a separate timer.
  if (await pruneSignInRecords(app.db, settings)) await pruneRateLimits(app.db);
  const found = await findUserByEmail(app.db, email);
  const device = found ? await knownDeviceKey(app.db, client.deviceToken, found.id, settings.deviceTrustMs) : undefined;
  const attempt = await enterAttempt(app, { address: addressKey(client.address), account: email, device });
  let ok = false;
  try {
    ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), password);
  } finally {
    await settle(app.db, attempt, ok && found !== null);
  }
  if (!found || !ok) throw wrong;
  const { passwordHash: _omit, ...user } = found;
  return user;
}
