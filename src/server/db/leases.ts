// Work one account or cohort may have running at a time across every web node (a data export, a
// cohort's similarity check), as lease rows in rate_limits: bucket = what runs, key = whose, and
// window_start = when it was claimed. A lease lapses after its time-to-live, so a node that died
// holding one blocks nobody for long; releasing it is deleting the row this claim wrote.
import type { Store } from './store.ts';

export interface LeaseRule {
  bucket: string;
  ttlMs: number;
}

/**
 * Claims `key`'s lease, or returns null while someone holds one that has not lapsed. The release it
 * returns goes through `db`; claimed inside a transaction, take releaser() on the outer store instead.
 */
export async function claimLease(db: Store, rule: LeaseRule, key: string, now = Date.now()): Promise<(() => Promise<void>) | null> {
  const claimed = await db.run(
    `INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (bucket, key) DO UPDATE SET window_start = excluded.window_start WHERE rate_limits.window_start <= ?`,
    rule.bucket, key, now, now - rule.ttlMs,
  );
  if (claimed.changes === 0) return null;
  return releaser(db, rule, key, now);
}

/** The release of the lease claimed on `key` at `claimedAt` (once is enough, more are harmless; a lapsed and re-claimed lease is not touched). */
export function releaser(db: Store, rule: LeaseRule, key: string, claimedAt: number): () => Promise<void> {
  let released: Promise<void> | undefined;
  return () => (released ??= db.run('DELETE FROM rate_limits WHERE bucket = ? AND key = ? AND window_start = ?', rule.bucket, key, claimedAt).then(() => undefined));
}

/** Claims `key`'s lease as soon as it is free (checking every `pollMs`). */
export async function waitForLease(db: Store, rule: LeaseRule, key: string, pollMs = 250): Promise<() => Promise<void>> {
  for (;;) {
    const release = await claimLease(db, rule, key);
    if (release) return release;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
