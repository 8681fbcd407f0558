import { describe, expect, it } from 'vitest';
import { KeySealError, checkKeySecret, sealText, unsealText } from '../../../src/server/certificates/key-seal.ts';

const secret = 'k'.repeat(20) + 'another-secret-part-xyz';
const jwk = JSON.stringify({ kty: 'RSA', n: 'abc', e: 'AQAB', d: 'private-exponent' });

describe('sealing the issuer key', () => {
  it('opens with the secret and thumbprint it was sealed with, and never holds the key in the clear', () => {
    const sealed = sealText(jwk, secret, 'thumb-1');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('private-exponent');
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('utf8')).not.toContain('private');
    expect(unsealText(sealed, secret, 'thumb-1')).toBe(jwk);
  });

  it('gives a different sealed text each time (fresh salt and nonce)', () => {
    expect(sealText(jwk, secret, 't')).not.toBe(sealText(jwk, secret, 't'));
  });

  it('refuses another secret, another thumbprint, and a tampered text with a message naming the secret', () => {
    const sealed = sealText(jwk, secret, 'thumb-1');
    expect(() => unsealText(sealed, `${secret}!`, 'thumb-1')).toThrow(/PRACTICUM_KEY_SECRET/);
    expect(() => unsealText(sealed, secret, 'thumb-2')).toThrow(KeySealError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => unsealText(parts.join('.'), secret, 'thumb-1')).toThrow(KeySealError);
    expect(() => unsealText('v0.a.b.c.d', secret, 'thumb-1')).toThrow(/sealed form/);
  });

  it('asks for a secret that is set and long enough', () => {
    expect(() => checkKeySecret(undefined)).toThrow(/PRACTICUM_KEY_SECRET is not set/);
    expect(() => checkKeySecret('short')).toThrow(/at least 32/);
    expect(checkKeySecret(secret)).toBe(secret);
  });
});
