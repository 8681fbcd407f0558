// How often one account may build its data export: each one reads everything the account ever made
// and renders its certificates, so it is limited per hour, and one runs at a time per account. Both
// are rows in rate_limits, so they hold across every web node: the hourly count in 'data-export', the
// running export as a lease in 'data-export-running' (window_start = when it was claimed). A lease
// whose node died before releasing it lapses after EXPORT_LEASE_MS.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { consume, type RateLimitRule } from '../auth/rate-limit.ts';
import { HttpError } from '../http.ts';

export const EXPORT_RULE: RateLimitRule = { bucket: 'data-export', limit: 3, windowMs: 3_600_000 };

/** The bucket of running exports, and how long a claim holds if it is never released. */
export const EXPORT_RUNNING_BUCKET = 'data-export-running';
export const EXPORT_LEASE_MS = 10 * 60_000;

/**
 * Claims an export for `user`, or throws the 429 saying when to come back; call the release (once is
 * enough, more are harmless) when the export is over.
 */
export async function claimExport(app: App, user: SessionUser, now = Date.now()): Promise<() => Promise<void>> {
  await app.db.transaction(async (tx) => {
    const claimed = await tx.run(
      `INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1)
       ON CONFLICT (bucket, key) DO UPDATE SET window_start = excluded.window_start WHERE rate_limits.window_start <= ?`,
      EXPORT_RUNNING_BUCKET, user.id, now, now - EXPORT_LEASE_MS,
    );
    if (claimed.changes === 0) {
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
  let released: Promise<void> | undefined;
  return () => (released ??= app.db.run('DELETE FROM rate_limits WHERE bucket = ? AND key = ? AND window_start = ?', EXPORT_RUNNING_BUCKET, user.id, now).then(() => undefined));
}
