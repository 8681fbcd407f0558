import { afterEach, describe, expect, it } from 'vitest';
import { consume, pruneRateLimits } from '../../../src/server/auth/rate-limit.ts';
import { openDatabase } from '../../../src/server/db/open.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
afterEach(() => t.cleanup());
const rule = { bucket: 'test', limit: 3, windowMs: 60_000 };

describe('rate limits', () => {
  it('allow up to the limit in a window, then refuse with the seconds left', () => {
    t = tempDb();
    const now = 1_000_000;
    expect([1, 2, 3].map(() => consume(t.db, rule, 'ip', now).ok)).toEqual([true, true, true]);
    const refused = consume(t.db, rule, 'ip', now + 15_000);
    expect(refused).toEqual({ ok: false, remaining: 0, retryAfterSeconds: 45 });
    expect(consume(t.db, rule, 'other-ip', now).ok).toBe(true);
  });

  it('start a new window once the old one has passed', () => {
    t = tempDb();
    for (let i = 0; i < 4; i++) consume(t.db, rule, 'ip', 0);
    expect(consume(t.db, rule, 'ip', 60_000).ok).toBe(true);
  });

  it('survive a restart because they live in the database file', () => {
    t = tempDb();
    for (let i = 0; i < 3; i++) consume(t.db, rule, 'ip', 0);
    t.db.close();
    t.db = openDatabase(t.file);
    expect(consume(t.db, rule, 'ip', 1000).ok).toBe(false);
  });

  it('prune windows that ended long ago', () => {
    t = tempDb();
    for (let i = 0; i < 4; i++) consume(t.db, rule, 'ip', 0);
    pruneRateLimits(t.db, 23 * 60 * 60_000);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM rate_limits').get()).toEqual({ n: 1 });
    pruneRateLimits(t.db, 25 * 60 * 60_000);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM rate_limits').get()).toEqual({ n: 0 });
  });
});
