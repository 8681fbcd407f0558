// How often one account may build its data export: each one reads everything the account ever made
// and renders its certificates, so it is limited per hour, and one runs at a time per account. Both
// are rows in rate_limits, so they hold across every web node: the hourly count in 'data-export', the
// running export as a lease (db/leases.ts) that lapses after EXPORT_LEASE.ttlMs if its node died.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { consume, type RateLimitRule } from '../auth/rate-limit.ts';
import { HttpError } from '../http.ts';
import { claimLease, releaser, type LeaseRule } from '../db/leases.ts';

export const EXPORT_RULE: RateLimitRule = { bucket: 'data-export', limit: 3, windowMs: 3_600_000 };

/** The running export of an account, and how long its claim holds if it is never released. */
export const EXPORT_LEASE: LeaseRule = { bucket: 'data-export-running', ttlMs: 10 * 60_000 };

/**
 * Claims an export for `user`, or throws the 429 saying when to come back; call the release (once is
 * enough, more are harmless) when the export is over.
 */
export async function claimExport(app: App, user: SessionUser, now = Date.now()): Promise<() => Promise<void>> {
  await app.db.transaction(async (tx) => {
    if (!(await claimLease(tx, EXPORT_LEASE, user.id, now))) {
      throw new HttpError(429, 'export_running', 'Your data export is already being downloaded. Wait for it to finish.', { headers: { 'retry-after': '30' } });
    }
    // refused by the hourly count: the transaction rolls the claim back with it
    const limit = await consume(tx, EXPORT_RULE, user.id, now);
    if (!limit.ok) {
      const minutes = Math.ceil(limit.retryAfterSeconds / 60);
      throw new HttpError(429, 'rate_limited', `You can download your data ${EXPORT_RULE.limit} times an hour; try again in ${minutes} min.`, {
        headers: { 'retry-after': String(limit.retryAfterSeconds) },
      });
    }
  });
  return releaser(app.db, EXPORT_LEASE, user.id, now);
}
