import { afterEach, describe, expect, it } from 'vitest';
import { consume, pruneRateLimits } from '../../../src/server/auth/rate-limit.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
afterEach(() => t.cleanup());
const rule = { bucket: 'test', limit: 3, windowMs: 60_000 };

describe('rate limits', () => {
  it('allow up to the limit in a window, then refuse with the seconds left', async () => {
    t = await tempDb();
    const now = 1_000_000;
    expect((await Promise.all([1, 2, 3].map(() => consume(t.db, rule, 'ip', now)))).map((r) => r.ok)).toEqual([true, true, true]);
    const refused = await consume(t.db, rule, 'ip', now + 15_000);
    expect(refused).toEqual({ ok: false, remaining: 0, retryAfterSeconds: 45 });
    expect((await consume(t.db, rule, 'other-ip', now)).ok).toBe(true);
  });

  it('count every hit of a concurrent burst on one key exactly once', async () => {
    t = await tempDb();
    const results = await Promise.all(Array.from({ length: 50 }, () => consume(t.db, { ...rule, limit: 30 }, 'nat', 5_000)));
    expect(results.map((r) => r.remaining).sort((a, b) => b - a)).toEqual(Array.from({ length: 50 }, (_, i) => Math.max(0, 29 - i)));
    expect(results.filter((r) => r.ok)).toHaveLength(30);
    expect(await t.db.get('SELECT window_start, count FROM rate_limits WHERE key = ?', 'nat')).toEqual({ window_start: 5_000, count: 50 });
  });

  it('start a new window once the old one has passed', async () => {
    t = await tempDb();
    for (let i = 0; i < 4; i++) await consume(t.db, rule, 'ip', 0);
    expect((await consume(t.db, rule, 'ip', 60_000)).ok).toBe(true);
  });

  it('survive a restart because they live in the database file', async () => {
    t = await tempDb();
    for (let i = 0; i < 3; i++) await consume(t.db, rule, 'ip', 0);
    await t.reopen();
    expect((await consume(t.db, rule, 'ip', 1000)).ok).toBe(false);
  });

  it('prune windows that ended long ago', async () => {
    t = await tempDb();
    for (let i = 0; i < 4; i++) await consume(t.db, rule, 'ip', 0);
    await pruneRateLimits(t.db, 23 * 60 * 60_000);
    expect(await t.db.get('SELECT COUNT(*) AS n FROM rate_limits')).toEqual({ n: 1 });
    await pruneRateLimits(t.db, 25 * 60 * 60_000);
    expect(await t.db.get('SELECT COUNT(*) AS n FROM rate_limits')).toEqual({ n: 0 });
  });
});
