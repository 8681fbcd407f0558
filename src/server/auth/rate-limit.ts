// Fixed-window rate limits kept in SQLite so they survive restarts and are shared by every process:
// sign-ups (rules built from the auth settings in accounts.ts), certificate-id misses, grading runs.
// Sign-in is throttled differently, from failures only: see sign-in-throttle.ts.
import type { Db } from '../db/open.ts';

export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowMs: number;
}

export const RULES = {
  verify: { bucket: 'verify', limit: 60, windowMs: 60_000 },
} satisfies Record<string, RateLimitRule>;

export interface RateLimitResult {
  ok: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/** The key's live window (start and hits so far), or null when it has none or the last one ended. */
async function liveWindow(db: Db, rule: RateLimitRule, key: string, now: number): Promise<{ start: number; count: number } | null> {
  const row = await db.get('SELECT window_start, count FROM rate_limits WHERE bucket = ? AND key = ?', rule.bucket, key) as
    | { window_start: number; count: number }
    | undefined;
  return row && now - row.window_start < rule.windowMs ? { start: row.window_start, count: row.count } : null;
}

function result(rule: RateLimitRule, start: number, count: number, now: number): RateLimitResult {
  const retryAfterSeconds = Math.max(1, Math.ceil((start + rule.windowMs - now) / 1000));
  return { ok: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds };
}

/** Counts one hit for `key` and says whether it is within the rule. */
export async function consume(db: Db, rule: RateLimitRule, key: string, now = Date.now()): Promise<RateLimitResult> {
  // One upsert: a new window when there is none or the last one ended, else one more hit in it. Atomic by
  // itself on both engines, so a burst of hits on one key neither loses counts nor meets a serialization retry.
  const row = (await db.get(`INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (bucket, key) DO UPDATE SET
       window_start = CASE WHEN ? - rate_limits.window_start < ? THEN rate_limits.window_start ELSE excluded.window_start END,
       count = CASE WHEN ? - rate_limits.window_start < ? THEN rate_limits.count + 1 ELSE 1 END
     RETURNING window_start, count`, rule.bucket, key, now, now, rule.windowMs, now, rule.windowMs)) as { window_start: number; count: number };
  return result(rule, Number(row.window_start), Number(row.count), now);
}

/** Whether `key` is already over the rule in its current window, without counting a hit. */
export async function isLimited(db: Db, rule: RateLimitRule, key: string, now = Date.now()): Promise<RateLimitResult> {
  const window = await liveWindow(db, rule, key, now);
  if (!window || window.count < rule.limit) {
    return { ok: true, remaining: rule.limit - (window?.count ?? 0), retryAfterSeconds: 0 };
  }
  return { ...result(rule, window.start, window.count, now), ok: false, remaining: 0 };
}

/** Drops windows that ended long ago so the table stays small. */
export async function pruneRateLimits(db: Db, now = Date.now(), olderThanMs = 24 * 60 * 60_000): Promise<void> {
  await db.run('DELETE FROM rate_limits WHERE window_start < ?', now - olderThanMs);
}
