// Random identifiers: unguessable, URL-safe, lowercase base32.
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** 80 bits: primary keys that are not secrets. */
export function newId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(10));
}

/** 160 bits: session tokens, certificate ids and other values that must not be guessable. */
export function newSecretId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}
