// Known browsers ("device cookies", OWASP): a browser that signed in to an account gets a random token in
// a long-lived cookie; the database keeps only its hash, paired with each account it signed in to (a shared
// lab computer may know several). For that account such a browser skips the address limit and the
// account's spacing (sign-in-throttle.ts), so someone guessing at an account cannot keep its owner out.
// Holding a token proves nothing for any other account: trust is per (browser, account) pair, and an
// attacker can only mint pairs for accounts whose password they already have.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db/open.ts';

export const DEVICE_COOKIE = 'practicum_device';
const TOKEN_SHAPE = /^[0-9a-f]{40}$/;

function newDeviceToken(): string {
  return encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(20)));
}

function hashDeviceToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** The throttle key of this browser for this account when it is known there (signed in within the trust period), else undefined. */
export async function knownDeviceKey(db: Db, token: string | undefined, userId: string, trustMs: number, now = Date.now()): Promise<string | undefined> {
  if (!token || !TOKEN_SHAPE.test(token)) return undefined;
  const hash = hashDeviceToken(token);
  const row = await db.get('SELECT 1 FROM known_devices WHERE device_hash = ? AND user_id = ? AND last_seen_at > ?', hash, userId, now - trustMs);
  return row ? `${hash}:${userId}` : undefined;
}

/** Marks this browser as known to the account after a successful sign-in; returns the token its cookie should carry. */
export async function rememberDevice(db: Db, token: string | undefined, userId: string, now = Date.now()): Promise<string> {
  const kept = token && TOKEN_SHAPE.test(token) ? token : newDeviceToken();
  await db.run(`INSERT INTO known_devices (device_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (device_hash, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`, hashDeviceToken(kept), userId, now, now);
  return kept;
}
