import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { loadOrCreateIssuerKey, publicJwks } from '../../../src/server/certificates/keys.ts';
import type { IssuerKey } from '../../../src/server/certificates/keys.ts';
import {
  DEFAULT_STATUS_LIST_SIZE,
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  isRevoked,
  revocationEntry,
  signStatusListCredential,
} from '../../../src/server/certificates/status-list.ts';
import { verifyVerifiableCredentialJwt } from '../../../src/server/certificates/vc-jwt.ts';

const origin = 'https://practicum.example.com';

describe('bitstring status list encoding', () => {
  it('is a multibase base64url GZIP of a 16 KiB bitstring by default', () => {
    const encoded = encodeStatusList([]);
    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    const compressed = Buffer.from(encoded.slice(1), 'base64url');
    expect([compressed[0], compressed[1]]).toEqual([0x1f, 0x8b]);
    const bits = gunzipSync(compressed);
    expect(bits).toHaveLength(DEFAULT_STATUS_LIST_SIZE / 8);
    expect(bits.every((byte) => byte === 0)).toBe(true);
  });

  it('puts index 0 in the most significant bit of the first byte', () => {
    const bits = decodeStatusList(encodeStatusList([0, 7, 8]));
    expect(bits[0]).toBe(0b1000_0001);
    expect(bits[1]).toBe(0b1000_0000);
    expect(bits[2]).toBe(0);
  });

  it('round-trips revoked indexes and leaves their neighbours active', () => {
    const revoked = [0, 7, 8, 4242, DEFAULT_STATUS_LIST_SIZE - 1];
    const encoded = encodeStatusList(revoked);
    for (const index of revoked) expect(isRevoked(encoded, index)).toBe(true);
    for (const index of [1, 6, 9, 4241, 4243, DEFAULT_STATUS_LIST_SIZE - 2]) expect(isRevoked(encoded, index)).toBe(false);
  });

  it('round-trips a random set exactly, bit for bit', () => {
    const revoked = new Set<number>();
    while (revoked.size < 300) revoked.add(Math.floor(Math.random() * DEFAULT_STATUS_LIST_SIZE));
    const bits = decodeStatusList(encodeStatusList([...revoked]));
    let set = 0;
    for (let index = 0; index < DEFAULT_STATUS_LIST_SIZE; index++) {
      const expected = revoked.has(index);
      if (isRevoked(bits, index) !== expected) throw new Error(`bit ${index} should be ${expected}`);
      if (expected) set++;
    }
    expect(set).toBe(300);
  });

  it('rejects indexes outside the list and lists that are not multibase', () => {
    expect(() => encodeStatusList([DEFAULT_STATUS_LIST_SIZE])).toThrow(RangeError);
    expect(() => encodeStatusList([-1])).toThrow(RangeError);
    expect(() => encodeStatusList([1.5])).toThrow(RangeError);
    expect(() => isRevoked(encodeStatusList([], 64), 64)).toThrow(RangeError);
    expect(() => decodeStatusList(encodeStatusList([]).slice(1))).toThrow(/multibase/);
  });

  it('supports a smaller list size for tests and small deployments', () => {
    const encoded = encodeStatusList([3], 64);
    expect(decodeStatusList(encoded)).toHaveLength(8);
    expect(isRevoked(encoded, 3)).toBe(true);
  });
});

describe('status list credential', () => {
  let dataDir: string;
  let key: IssuerKey;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'practicum-status-'));
    key = await loadOrCreateIssuerKey(dataDir);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('has the BitstringStatusListCredential shape that credentialStatus entries point at', () => {
    const encodedList = encodeStatusList([17]);
    const credential = buildStatusListCredential(origin, encodedList, Date.UTC(2026, 10, 23, 8, 0, 0, 500));
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `${origin}/api/status/revocation`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      // Only what the VC 2.0 context defines (a Profile's type and url are Open Badges terms).
      issuer: { id: `${origin}/issuer`, name: 'Practicum' },
      validFrom: '2026-11-23T08:00:00Z',
      credentialSubject: { id: `${origin}/api/status/revocation#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
    });
    const entry = revocationEntry(origin, 17);
    expect(entry).toEqual({
      id: `${origin}/api/status/revocation#17`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '17',
      statusListCredential: credential.id,
    });
  });

  it('is signed as a VC-JWT that verifies with the JWKS and still carries the revocations', async () => {
    const issued = Date.UTC(2026, 10, 23, 8, 0, 0);
    const credential = buildStatusListCredential(origin, encodeStatusList([17, 99]), issued);
    const jwt = await signStatusListCredential(credential, key, origin);
    expect(decodeJwt(jwt)).toMatchObject({ iss: `${origin}/issuer`, sub: credential.credentialSubject.id, nbf: issued / 1000 });
    // Only terms the VC 2.0 context defines: no jti, and an issuer of id and name alone.
    expect(decodeJwt(jwt)).not.toHaveProperty('jti');
    expect(credential.issuer).toEqual({ id: `${origin}/issuer`, name: 'Practicum' });
    expect(decodeProtectedHeader(jwt).kid).toBe(`${origin}/.well-known/jwks/${key.kid}`);

    const result = await verifyVerifiableCredentialJwt(jwt, publicJwks(key, origin), issued + 60_000);
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    const subject = result.credential['credentialSubject'] as { encodedList: string };
    expect(isRevoked(subject.encodedList, 17)).toBe(true);
    expect(isRevoked(subject.encodedList, 99)).toBe(true);
    expect(isRevoked(subject.encodedList, 18)).toBe(false);
  });
});
