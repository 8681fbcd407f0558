// Leases: work one account or cohort may have running at a time across web nodes, as rows every node
// reads. Claimed at once by one of several claimants, lapsed after their time-to-live, released only
// by the claim that wrote them, and waited for.
import { afterEach, describe, expect, it } from 'vitest';
import { claimLease, releaser, waitForLease } from '../../../src/server/db/leases.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
afterEach(() => t.cleanup());
const rule = { bucket: 'test-lease', ttlMs: 60_000 };

describe('leases', () => {
  it('go to exactly one of several claimants at once, and to the next after release', async () => {
    t = await tempDb();
    const now = 5_000_000;
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimLease(t.db, rule, 'cohort-1', now)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // another key is free
    expect(await claimLease(t.db, rule, 'cohort-2', now)).not.toBeNull();
    const held = claims.find(Boolean)!;
    await held();
    await held();
    expect(await claimLease(t.db, rule, 'cohort-1', now + 1)).not.toBeNull();
  });

  it('lapse after their time-to-live, and an old release leaves the new claim alone', async () => {
    t = await tempDb();
    const now = 5_000_000;
    const first = await claimLease(t.db, rule, 'k', now);
    expect(first).not.toBeNull();
    expect(await claimLease(t.db, rule, 'k', now + rule.ttlMs - 1)).toBeNull();
    const second = await claimLease(t.db, rule, 'k', now + rule.ttlMs);
    expect(second).not.toBeNull();
    // the first holder comes back late and releases: the second claim stands
    await first!();
    expect(await claimLease(t.db, rule, 'k', now + rule.ttlMs + 1)).toBeNull();
    await releaser(t.db, rule, 'k', now + rule.ttlMs)();
    expect(await claimLease(t.db, rule, 'k', now + rule.ttlMs + 2)).not.toBeNull();
  });

  it('are waited for: the second claimant gets the lease once the first releases it', async () => {
    t = await tempDb();
    const first = await waitForLease(t.db, rule, 'k');
    let got = false;
    const second = waitForLease(t.db, rule, 'k', 20).then((release) => {
      got = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(got).toBe(false);
    await first();
    await (await second)();
    expect(got).toBe(true);
  });
});
