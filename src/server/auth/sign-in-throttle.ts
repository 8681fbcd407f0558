// Sign-in throttling: which password checks may run, counted from failures only and kept in SQLite
// (sign_in_attempts, migration 013) so limits survive restarts.
//
// Three independent sliding-window counts, never reset by one another or by a success:
// - per address ('ip'): failures from one address across all accounts; over the limit, that address gets
//   429 until old failures leave the window. Stops one address guessing across many accounts.
// - per account ('account'): failures on one email from anywhere. After the free ones, attempts on the
//   account are spaced out (an exponential delay after the last failure, capped), never locked: the
//   owner on any browser gets in once the short delay has passed.
// - per known browser ('device'): a browser that signed in to this account before (device cookie) skips
//   the two checks above and has its own failure budget, so the owner gets straight in while someone
//   else is guessing at the account or shares their address (OWASP's device cookies).
//
// An attempt let through is written as pending in the same transaction that checks the counts, so a
// burst of concurrent guesses cannot all slip under a limit. Pending attempts are not failures: when
// only pending attempts stand in the way, the caller waits for them to settle (a class of 40 signing in
// at once from one address all get in) instead of being refused.
import type { Db } from '../db/open.ts';
import type { AuthSettings } from './settings.ts';

type Scope = 'ip' | 'account' | 'device';

/** Who is attempting: the address key, the account (normalised email) and, for a known browser, its key. */
export interface SignInSubject {
  address: string;
  account: string;
  /** Set only when the browser is known to this account (see devices.ts). */
  device?: string | undefined;
}

/** A let-through attempt: its pending rows, to settle once the password has been checked. */
export interface Attempt {
  rowIds: number[];
  keys: string[];
  /** True when the known-browser budget let it through (the address and account counts were skipped). */
  trusted: boolean;
}

export type Admission =
  | { kind: 'admitted'; attempt: Attempt }
  | { kind: 'refused'; by: 'ip' | 'account'; retryAfterSeconds: number }
  | { kind: 'wait'; keys: string[] };

/** A pending row older than this is taken as a failure: its process died before settling it. */
export const STALE_PENDING_MS = 60_000;

interface Tally {
  failures: number;
  pending: number;
  lastFailure: number | null;
}

const waitKey = (scope: Scope, key: string) => `${scope}\u0000${key}`;

async function tally(db: Db, scope: Scope, key: string, windowMs: number, now: number): Promise<Tally> {
  const stale = now - STALE_PENDING_MS;
  const row = await db.get(`SELECT
       COUNT(*) FILTER (WHERE pending = 0 OR at <= ?) AS failures,
       COUNT(*) FILTER (WHERE pending = 1 AND at > ?) AS pending,
       MAX(CASE WHEN pending = 0 OR at <= ? THEN at END) AS "lastFailure"
     FROM sign_in_attempts WHERE scope = ? AND key = ? AND at > ?`, stale, stale, stale, scope, key, now - windowMs) as Tally;
  return row;
}

/** When the address's failure count next drops below the limit: the (failures - limit + 1)-th oldest leaves. */
async function ipRetryAfter(db: Db, address: string, settings: AuthSettings, failures: number, now: number): Promise<number> {
  const row = await db.get(`SELECT at FROM sign_in_attempts
     WHERE scope = 'ip' AND key = ? AND at > ? AND (pending = 0 OR at <= ?)
     ORDER BY at LIMIT 1 OFFSET ?`, address, now - settings.ipFailureWindowMs, now - STALE_PENDING_MS, failures - settings.ipFailureLimit) as
    | { at: number }
    | undefined;
  return seconds((row?.at ?? now) + settings.ipFailureWindowMs - now);
}

/** The spacing owed after the k-th failure past the free ones (k ≥ 1): base, 2×base, 4×base, … up to the cap. */
export function accountDelayMs(settings: AuthSettings, pastFree: number): number {
  if (pastFree < 1) return 0;
  const doubled = settings.accountBackoffBaseMs * 2 ** Math.min(pastFree - 1, 30);
  return Math.min(settings.accountBackoffMaxMs, doubled);
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

type Verdict = { kind: 'ok' } | { kind: 'wait' } | { kind: 'refused'; retryAfterSeconds: number } | { kind: 'exhausted' };

async function addressVerdict(db: Db, settings: AuthSettings, address: string, now: number): Promise<Verdict> {
  const t = await tally(db, 'ip', address, settings.ipFailureWindowMs, now);
  if (t.failures + t.pending < settings.ipFailureLimit) return { kind: 'ok' };
  if (t.failures < settings.ipFailureLimit) return { kind: 'wait' };
  return { kind: 'refused', retryAfterSeconds: await ipRetryAfter(db, address, settings, t.failures, now) };
}

async function accountVerdict(db: Db, settings: AuthSettings, account: string, now: number): Promise<Verdict> {
  const t = await tally(db, 'account', account, settings.accountFailureWindowMs, now);
  const free = settings.accountFreeFailures;
  if (t.failures + t.pending < free) return { kind: 'ok' };
  // Past the free failures only one attempt at a time may run, each after the spacing the last failure earned.
  // (While pending attempts stand in the way they may yet succeed, so wait rather than refuse.)
  if (t.pending > 0) return { kind: 'wait' };
  const openAt = (t.lastFailure ?? now) + accountDelayMs(settings, t.failures - free + 1);
  return now >= openAt ? { kind: 'ok' } : { kind: 'refused', retryAfterSeconds: seconds(openAt - now) };
}

async function deviceVerdict(db: Db, settings: AuthSettings, device: string, now: number): Promise<Verdict> {
  const t = await tally(db, 'device', device, settings.accountFailureWindowMs, now);
  if (t.failures + t.pending < settings.deviceFailureLimit) return { kind: 'ok' };
  if (t.failures < settings.deviceFailureLimit) return { kind: 'wait' };
  return { kind: 'exhausted' };
}

async function insertPending(db: Db, scope: Scope, key: string, now: number): Promise<number> {
  const row = await db.get<{ id: number }>('INSERT INTO sign_in_attempts (scope, key, at, pending) VALUES (?, ?, ?, 1) RETURNING id', scope, key, now);
  return Number(row!.id);
}

/**
 * Decides, in one write transaction, whether this attempt's password may be checked now. When it may,
 * its pending rows are already written; the caller must settle() it whatever happens next.
 */
export async function admit(db: Db, settings: AuthSettings, subject: SignInSubject, now = Date.now()): Promise<Admission> {
  // A class signing in at once from one address all count against the same rows: queue them on it.
  const queueOn = [`sign-in ip ${subject.address}`, `sign-in account ${subject.account}`];
  if (subject.device !== undefined) queueOn.push(`sign-in device ${subject.device}`);
  return await db.transaction(async (tx): Promise<Admission> => {
    if (subject.device !== undefined) {
      const device = await deviceVerdict(tx, settings, subject.device, now);
      if (device.kind === 'ok') {
        return {
          kind: 'admitted',
          attempt: { rowIds: [await insertPending(tx, 'device', subject.device, now)], keys: [waitKey('device', subject.device)], trusted: true },
        };
      }
      if (device.kind === 'wait') return { kind: 'wait', keys: [waitKey('device', subject.device)] };
      // A known browser that used up its own budget is treated like any other.
    }
    const address = await addressVerdict(tx, settings, subject.address, now);
    if (address.kind === 'refused') return { kind: 'refused', by: 'ip', retryAfterSeconds: address.retryAfterSeconds };
    const account = await accountVerdict(tx, settings, subject.account, now);
    if (account.kind === 'refused') return { kind: 'refused', by: 'account', retryAfterSeconds: account.retryAfterSeconds };
    const keys = [waitKey('ip', subject.address), waitKey('account', subject.account)];
    if (address.kind === 'wait' || account.kind === 'wait') return { kind: 'wait', keys };
    const rowIds = [await insertPending(tx, 'ip', subject.address, now), await insertPending(tx, 'account', subject.account, now)];
    return { kind: 'admitted', attempt: { rowIds, keys, trusted: false } };
  }, { queueOn });
}

/** Records the outcome: a failure keeps the attempt's rows as failures; a success deletes them (successes never count). */
export async function settle(db: Db, attempt: Attempt, succeeded: boolean, now = Date.now()): Promise<void> {
  // One statement over the attempt's own rows (atomic by itself): no read to protect, so no transaction to retry.
  const ids = attempt.rowIds.map(() => '?').join(', ');
  if (succeeded) await db.run(`DELETE FROM sign_in_attempts WHERE id IN (${ids})`, ...attempt.rowIds);
  else await db.run(`UPDATE sign_in_attempts SET pending = 0, at = ? WHERE id IN (${ids})`, now, ...attempt.rowIds);
  wake(attempt.keys);
}

// Waiting for pending attempts to settle: woken in-process by settle(), with a slow poll as the fallback
// (another process, or a pending row left by a crash turning stale).
const waiters = new Map<string, Set<() => void>>();
const POLL_MS = 500;
/** Beyond this many waiters on one key, further attempts are refused at once rather than queued. */
export const MAX_WAITERS_PER_KEY = 200;

function wake(keys: string[]): void {
  for (const key of keys) {
    const set = waiters.get(key);
    if (!set) continue;
    waiters.delete(key);
    for (const resolve of set) resolve();
  }
}

/** Resolves when one of `keys` settles an attempt or after a short poll interval; false when too many already wait. */
export function waitForSettle(keys: string[]): Promise<boolean> | false {
  if (keys.some((key) => (waiters.get(key)?.size ?? 0) >= MAX_WAITERS_PER_KEY)) return false;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const key of keys) waiters.get(key)?.delete(done);
      resolve(true);
    };
    const timer = setTimeout(done, POLL_MS);
    for (const key of keys) {
      let set = waiters.get(key);
      if (!set) waiters.set(key, (set = new Set()));
      set.add(done);
    }
  });
}

/** Drops failures that left every window and known browsers past their trust period, at most once a minute per connection; says whether it ran. */
const lastPrune = new WeakMap<Db, number>();
export async function pruneSignInRecords(db: Db, settings: AuthSettings, now = Date.now()): Promise<boolean> {
  if (now - (lastPrune.get(db) ?? -Infinity) < 60_000) return false;
  lastPrune.set(db, now);
  const longest = Math.max(settings.ipFailureWindowMs, settings.accountFailureWindowMs, STALE_PENDING_MS);
  await db.run('DELETE FROM sign_in_attempts WHERE at <= ?', now - longest);
  await db.run('DELETE FROM known_devices WHERE last_seen_at <= ?', now - settings.deviceTrustMs);
  return true;
}

/**
 * The key an address is counted under: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64 prefix,
 * since one host usually holds a whole /64 and could otherwise rotate through addresses.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+/, '') || '0'))
    .join(':')}::/64`;
}
