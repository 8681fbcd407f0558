// Sign-in throttling against a real SQLite file: failures only, per address / account / known browser,
// pending attempts that make bursts wait instead of slipping through, and limits that survive a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAuthSettings } from '../../../src/server/auth/settings.ts';
import {
  accountDelayMs,
  addressKey,
  admit,
  pruneSignInRecords,
  settle,
  STALE_PENDING_MS,
  type Admission,
  type Attempt,
  type SignInSubject,
} from '../../../src/server/auth/sign-in-throttle.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const settings = loadAuthSettings({});
let t: TempDb;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const T0 = 1_000_000_000;

function admitted(a: Admission): Attempt {
  if (a.kind !== 'admitted') throw new Error(`expected admitted, got ${JSON.stringify(a)}`);
  return a.attempt;
}

/** One complete attempt: admitted, then settled with the outcome. */
async function attempt(subject: SignInSubject, succeeded: boolean, now: number): Promise<Admission> {
  const a = await admit(t.db, settings, subject, now);
  if (a.kind === 'admitted') await settle(t.db, a.attempt, succeeded, now);
  return a;
}

const rows = async () => (await t.db.get('SELECT COUNT(*) AS n FROM sign_in_attempts') as { n: number }).n;

describe('defaults', () => {
  it('are the documented ones', () => {
    expect(settings).toMatchObject({
      ipFailureLimit: 30,
      ipFailureWindowMs: 15 * 60_000,
      accountFreeFailures: 5,
      accountFailureWindowMs: 60 * 60_000,
      accountBackoffBaseMs: 2_000,
      accountBackoffMaxMs: 300_000,
      deviceFailureLimit: 10,
    });
  });
});

describe('successes', () => {
  it('never count: many correct sign-ins leave no rows and the full failure budget', async () => {
    for (let i = 0; i < 50; i++) expect((await attempt({ address: '10.0.0.1', account: 'a@b.co' }, true, T0 + i)).kind).toBe('admitted');
    expect(await rows()).toBe(0);
    for (let i = 0; i < settings.accountFreeFailures; i++) {
      expect((await attempt({ address: '10.0.0.1', account: 'a@b.co' }, false, T0 + 100 + i)).kind).toBe('admitted');
    }
  });

  it('do not reset the address count: guesses interleaved with own sign-ins are still stopped at the limit', async () => {
    let failures = 0;
    let now = T0;
    while (failures < settings.ipFailureLimit) {
      expect((await attempt({ address: '10.0.0.2', account: 'me@b.co' }, true, (now += 10))).kind).toBe('admitted');
      for (let g = 0; g < 9 && failures < settings.ipFailureLimit; g++, failures++) {
        expect((await attempt({ address: '10.0.0.2', account: `victim${failures}@b.co` }, false, (now += 10))).kind).toBe('admitted');
      }
    }
    const refused = await admit(t.db, settings, { address: '10.0.0.2', account: 'another@b.co' }, (now += 10));
    expect(refused).toMatchObject({ kind: 'refused', by: 'ip' });
    // The untrusted owner on that address is held too: the address is over its limit.
    expect((await admit(t.db, settings, { address: '10.0.0.2', account: 'me@b.co' }, now)).kind).toBe('refused');
    // Another address is unaffected.
    expect((await admit(t.db, settings, { address: '10.0.0.3', account: 'another@b.co' }, now)).kind).toBe('admitted');
  });
});

describe('per address', () => {
  it('refuses after the limit until the oldest failures leave the sliding window', async () => {
    for (let i = 0; i < settings.ipFailureLimit; i++) await attempt({ address: '10.0.0.4', account: `u${i}@b.co` }, false, T0 + i * 1000);
    const refused = await admit(t.db, settings, { address: '10.0.0.4', account: 'new@b.co' }, T0 + 60_000);
    expect(refused).toEqual({ kind: 'refused', by: 'ip', retryAfterSeconds: (settings.ipFailureWindowMs - 60_000) / 1000 });
    // The first failure leaves the window: exactly one attempt is free again.
    const later = T0 + settings.ipFailureWindowMs + 1;
    expect((await attempt({ address: '10.0.0.4', account: 'new@b.co' }, false, later)).kind).toBe('admitted');
    expect((await admit(t.db, settings, { address: '10.0.0.4', account: 'new2@b.co' }, later + 1)).kind).toBe('refused');
  });
});

describe('per account', () => {
  it('spaces attempts after the free failures, doubling up to the cap, never a hard lock', async () => {
    const subject = (i: number) => ({ address: `10.1.0.${i}`, account: 'target@b.co' });
    let now = T0;
    for (let i = 0; i < settings.accountFreeFailures; i++) expect((await attempt(subject(i), false, (now += 100))).kind).toBe('admitted');
    // From any address, the next attempt must wait the base delay after the last failure.
    expect(await admit(t.db, settings, subject(50), now + 500)).toEqual({ kind: 'refused', by: 'account', retryAfterSeconds: 2 });
    const delays: number[] = [];
    for (let k = 1; k <= 10; k++) {
      const owed = accountDelayMs(settings, k);
      delays.push(owed);
      expect((await admit(t.db, settings, subject(60 + k), now + owed - 1)).kind).toBe('refused');
      now += owed;
      expect((await attempt(subject(60 + k), false, now)).kind).toBe('admitted');
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
    // The owner with the right password gets in once the spacing has passed, from an unknown browser.
    expect((await attempt(subject(99), true, now + 300_000)).kind).toBe('admitted');
  });

  it('lets the owner straight in from a known browser while the account is being guessed at', async () => {
    let now = T0;
    for (let i = 0; i < settings.accountFreeFailures + 1; i++) await attempt({ address: '10.2.0.1', account: 'owner@b.co' }, false, (now += 10));
    expect((await admit(t.db, settings, { address: '10.2.0.1', account: 'owner@b.co' }, now + 1)).kind).toBe('refused');
    const owner = { address: '10.2.0.1', account: 'owner@b.co', device: 'device-hash:user-id' };
    expect((await attempt(owner, true, now + 1)).kind).toBe('admitted');
    // And its own typos use the browser's budget, not the account's or the address's.
    for (let i = 0; i < settings.deviceFailureLimit; i++) expect((await attempt(owner, false, now + 2 + i)).kind).toBe('admitted');
    // Past that budget the browser is treated like any other: held by the account's spacing.
    expect(await admit(t.db, settings, owner, now + 100)).toMatchObject({ kind: 'refused', by: 'account' });
  });

  it('a known browser of one account gets no exemption on another (keys are per browser and account)', async () => {
    let now = T0;
    for (let i = 0; i < settings.ipFailureLimit; i++) await attempt({ address: '10.3.0.1', account: `x${i}@b.co` }, false, (now += 10));
    expect((await admit(t.db, settings, { address: '10.3.0.1', account: 'mine@b.co', device: 'h:mine' }, now + 1)).kind).toBe('admitted');
    expect(await admit(t.db, settings, { address: '10.3.0.1', account: 'other@b.co' }, now + 1)).toMatchObject({ kind: 'refused', by: 'ip' });
  });
});

describe('bursts', () => {
  it('let through at most the free failures on one account at once; the rest wait for them to settle', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => admit(t.db, settings, { address: `10.4.${i}.1`, account: 'burst@b.co' }, T0)));
    const first = results.filter((r) => r.kind === 'admitted');
    expect(first).toHaveLength(settings.accountFreeFailures);
    expect(results.filter((r) => r.kind === 'wait')).toHaveLength(100 - settings.accountFreeFailures);
    for (const r of first) await settle(t.db, admitted(r), false, T0 + 1);
    // All failed: now one attempt at a time, after the spacing.
    expect(await admit(t.db, settings, { address: '10.4.200.1', account: 'burst@b.co' }, T0 + 2)).toMatchObject({ kind: 'refused', by: 'account' });
  });

  it('let through at most the address limit at once; if they were correct the waiting ones go next', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => admit(t.db, settings, { address: '10.5.0.1', account: `s${i}@b.co` }, T0)));
    const first = results.filter((r) => r.kind === 'admitted');
    expect(first).toHaveLength(settings.ipFailureLimit);
    expect(results.filter((r) => r.kind === 'wait')).toHaveLength(40 - settings.ipFailureLimit);
    for (const r of first) await settle(t.db, admitted(r), true, T0 + 1);
    for (let i = settings.ipFailureLimit; i < 40; i++) {
      await settle(t.db, admitted(await admit(t.db, settings, { address: '10.5.0.1', account: `s${i}@b.co` }, T0 + 2)), true, T0 + 3);
    }
    expect(await rows()).toBe(0);
  });

  it('count a pending attempt left behind by a crash as a failure once it is stale', async () => {
    admitted(await admit(t.db, settings, { address: '10.6.0.1', account: 'c@b.co' }, T0));
    const t1 = T0 + STALE_PENDING_MS + 1;
    const row = await t.db.get("SELECT COUNT(*) AS n FROM sign_in_attempts WHERE scope = 'account' AND pending = 1");
    expect(row).toEqual({ n: 1 });
    for (let i = 1; i < settings.accountFreeFailures; i++) await attempt({ address: '10.6.0.1', account: 'c@b.co' }, false, t1 + i);
    expect(await admit(t.db, settings, { address: '10.6.0.1', account: 'c@b.co' }, t1 + 10)).toMatchObject({ kind: 'refused', by: 'account' });
  });
});

describe('storage', () => {
  it('survives a restart because the counts live in the database file', async () => {
    for (let i = 0; i < settings.accountFreeFailures; i++) await attempt({ address: '10.7.0.1', account: 'r@b.co' }, false, T0 + i);
    await t.reopen();
    expect(await admit(t.db, settings, { address: '10.7.0.1', account: 'r@b.co' }, T0 + 100)).toMatchObject({ kind: 'refused', by: 'account' });
  });

  it('prunes failures that left every window and browsers past their trust period', async () => {
    await attempt({ address: '10.8.0.1', account: 'p@b.co' }, false, T0);
    await t.db.run("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'p@b.co', 'P', 'x', 0)");
    await t.db.run("INSERT INTO known_devices VALUES ('h', 'u1', ?, ?)", T0, T0);
    await pruneSignInRecords(t.db, settings, T0 + settings.accountFailureWindowMs - 1);
    expect(await rows()).toBe(2);
    const db2 = t.connect(); // a fresh connection: pruning runs at most once a minute per connection
    try {
      await pruneSignInRecords(db2, settings, T0 + settings.deviceTrustMs + 1);
      expect(await rows()).toBe(0);
      expect(await t.db.get('SELECT COUNT(*) AS n FROM known_devices')).toEqual({ n: 0 });
    } finally {
      await db2.close();
    }
  });
});

describe('address keys', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::abcd', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
