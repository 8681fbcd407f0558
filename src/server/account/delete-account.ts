// A person deleting their own account: only ever the signed-in account (there is no id to name, so
// no one, admins included, deletes someone else's here), after re-entering its password (attempts
// limited per account), with an explicit choice of what becomes of their certificates. The erasure
// itself is db/account-erasure.ts; this adds the checks and removes the certificate PDFs from disk.
import { rm } from 'node:fs/promises';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { verifyPassword } from '../auth/password.ts';
import { consume, type RateLimitRule } from '../auth/rate-limit.ts';
import { deletableAccount, eraseAccount, type CertificateChoice, type ErasureOutcome } from '../db/account-erasure.ts';
import { cohortsOwnedBy } from '../db/cohorts.ts';
import { HttpError } from '../http.ts';
import { plural } from '../../lib/format.ts';

/** Password tries per account: enough for typos, too few to guess with a stolen session. */
export const DELETE_RULE: RateLimitRule = { bucket: 'account-delete', limit: 5, windowMs: 15 * 60_000 };

export const CERTIFICATE_CHOICES: readonly CertificateChoice[] = ['keep-public', 'withdraw'];

export interface DeletionInput {
  password: unknown;
  /** 'keep-public' or 'withdraw'; asked only of accounts that hold certificates. */
  certificates: unknown;
  /** The "I understand this cannot be undone" box. */
  confirm: unknown;
}

const invalid = (field: string, message: string) => new HttpError(400, 'invalid_input', message, { details: { field } });

/** Checks the request in the order a person fixes it; returns the choice to apply. */
async function checkRequest(app: App, user: SessionUser, input: DeletionInput): Promise<CertificateChoice> {
  const held = (await deletableAccount(app.db, user.id))?.certificates ?? 0;
  const choice = CERTIFICATE_CHOICES.find((c) => c === input.certificates);
  if (held > 0 && !choice) {
    throw invalid('certificates', `Choose what happens to your ${plural(held, 'certificate')}: keep ${held === 1 ? 'it' : 'them'} publicly verifiable, or withdraw ${held === 1 ? 'it' : 'them'}.`);
  }
  if (input.confirm !== 'yes') throw invalid('confirm', 'Tick the box to confirm that you understand deleting your account cannot be undone.');
  if (typeof input.password !== 'string' || input.password === '') throw invalid('password', 'Enter your password to delete your account.');
  const owned = await cohortsOwnedBy(app.db, user.id);
  if (owned.length > 0) {
    throw new HttpError(
      409,
      'owns_cohorts',
      `You run ${plural(owned.length, 'cohort')} (${owned.map((c) => c.name).join(', ')}); their learners’ reports depend on your account, so it cannot be deleted here. Ask an administrator.`,
    );
  }
  return choice ?? 'keep-public';
}

export async function deleteOwnAccount(app: App, user: SessionUser, input: DeletionInput, now = Date.now()): Promise<ErasureOutcome & { choice: CertificateChoice }> {
  const choice = await checkRequest(app, user, input);
  const limit = await consume(app.db, DELETE_RULE, user.id, now);
  if (!limit.ok) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new HttpError(429, 'rate_limited', `Too many password attempts. Your account was not deleted; try again in ${plural(minutes, 'minute')}.`, {
      headers: { 'retry-after': String(limit.retryAfterSeconds) },
    });
  }
  const account = await deletableAccount(app.db, user.id);
  if (!account || !(await verifyPassword(account.passwordHash, input.password as string))) {
    throw new HttpError(403, 'wrong_password', 'That is not your password. Your account was not deleted.', { details: { field: 'password' } });
  }
  const outcome = await eraseAccount(app.db, user.id, choice, now);
  // The PDFs print the holder's name; the database no longer points at them.
  await Promise.all(outcome.pdfPaths.map((path) => rm(path, { force: true })));
  return { ...outcome, choice };
}
