// W3C Bitstring Status List v1.0 for revocation: each certificate holds one bit (its status index)
// in a published, signed BitstringStatusListCredential; a set bit means revoked. Index 0 is the
// most significant bit of the first byte, as the spec's bitstring expansion algorithm requires.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IssuerKey } from './keys.ts';
import { ISSUER_NAME, VC_V2_CONTEXT, issuerId, signVerifiableCredential, toDateTime } from './vc-jwt.ts';

/** 16 KiB uncompressed: the spec's minimum, large enough that one revocation reveals nothing. */
export const DEFAULT_STATUS_LIST_SIZE = 131_072;

/**
 * Where status list `list` is published. List 1 keeps the address every earlier credential names;
 * lists started when one filled up are numbered after it.
 */
export const statusListUrl = (origin: string, list = 1): string => `${origin}/api/status/revocation${list === 1 ? '' : `/${list}`}`;

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/** The `credentialStatus` of a credential holding bit `index` of revocation list `list`. */
export function revocationEntry(origin: string, index: number, list = 1): BitstringStatusListEntry {
  return {
    id: `${statusListUrl(origin, list)}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: statusListUrl(origin, list),
  };
}

function assertIndex(index: number, size: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`status list index ${index} is outside 0..${size - 1}`);
  }
}

/** GZIP-compressed bitstring, base64url without padding, with the multibase prefix "u". */
export function encodeStatusList(revokedIndexes: readonly number[], size = DEFAULT_STATUS_LIST_SIZE): string {
  if (!Number.isInteger(size) || size <= 0 || size % 8 !== 0) throw new RangeError('the status list size must be a positive multiple of 8');
  const bits = new Uint8Array(size / 8);
  for (const index of revokedIndexes) {
    assertIndex(index, size);
    bits[index >> 3] = (bits[index >> 3] ?? 0) | (0x80 >> (index & 7));
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** The uncompressed bitstring of an `encodedList`. */
export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url (start with "u")');
  // Cap the inflated size so a hostile list cannot exhaust memory (16 MiB, far above any real list).
  return new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: 16 * 1024 * 1024 }));
}

/** Whether bit `index` is set; accepts the encoded list or an already decoded bitstring. */
export function isRevoked(list: string | Uint8Array, index: number): boolean {
  const bits = typeof list === 'string' ? decodeStatusList(list) : list;
  assertIndex(index, bits.length * 8);
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

/**
 * Only terms the VC 2.0 context defines: the issuer is its id and `name` (the Profile's `type`,
 * `url` and `image` are Open Badges terms, and this credential has no Open Badges context).
 */
export interface BitstringStatusListCredential {
  '@context': [typeof VC_V2_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: { id: string; name: string };
  validFrom: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: 'revocation';
    encodedList: string;
  };
}

/** The revocation list credential served (signed, see `signStatusListCredential`) at statusListUrl(origin, list). */
export function buildStatusListCredential(origin: string, encodedList: string, validFrom: number, list = 1): BitstringStatusListCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    id: statusListUrl(origin, list),
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: issuerId(origin), name: ISSUER_NAME },
    validFrom: toDateTime(validFrom),
    credentialSubject: {
      id: `${statusListUrl(origin, list)}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList,
    },
  };
}

/**
 * Signed with the badge credentials' key, so one JWKS verifies both; without `jti`, which the VC 2.0
 * context leaves undefined (`iss`, `sub` and `nbf` it defines).
 */
export function signStatusListCredential(credential: BitstringStatusListCredential, key: IssuerKey, origin: string): Promise<string> {
  return signVerifiableCredential(credential, key, { origin, jti: false });
}
