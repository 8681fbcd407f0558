// How often one account may build its data export: each one reads everything the account ever made
// and renders its certificates, so it is limited per hour, and one runs at a time per account.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { consume, type RateLimitRule } from '../auth/rate-limit.ts';
import { HttpError } from '../http.ts';

export const EXPORT_RULE: RateLimitRule = { bucket: 'data-export', limit: 3, windowMs: 3_600_000 };

const running = new Set<string>();

/** Claims an export for `user`, or throws the 429 saying when to come back; call the release when the download ends. */
export async function claimExport(app: App, user: SessionUser, now = Date.now()): Promise<() => void> {
  if (running.has(user.id)) {
    throw new HttpError(429, 'export_running', 'Your data export is already being downloaded. Wait for it to finish.', { headers: { 'retry-after': '30' } });
  }
  const limit = await consume(app.db, EXPORT_RULE, user.id, now);
  if (!limit.ok) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new HttpError(429, 'rate_limited', `You can download your data ${EXPORT_RULE.limit} times an hour; try again in ${minutes} min.`, {
      headers: { 'retry-after': String(limit.retryAfterSeconds) },
    });
  }
  running.add(user.id);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running.delete(user.id);
  };
}
