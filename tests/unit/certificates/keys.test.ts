import { afterEach, describe, expect, it } from 'vitest';
import { CompactSign, calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { chmod, mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyUrl, loadOrCreateIssuerKey, publicJwkAt, publicJwks, thumbprintOfKeyUrl } from '../../../src/server/certificates/keys.ts';

const dirs: string[] = [];
async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'practicum-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('issuer key', () => {
  it('is created on first load as a 0600 private JWK file and reused on the next load', async () => {
    const dataDir = await tempDataDir();
    const first = await loadOrCreateIssuerKey(dataDir);
    const privatePath = join(dataDir, 'keys', 'issuer-private.jwk.json');

    expect((await stat(privatePath)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(privatePath, 'utf8')) as Record<string, unknown>;
    expect(stored['kty']).toBe('RSA');
    expect(typeof stored['d']).toBe('string');
    // 2048-bit modulus: 256 bytes, 342 base64url characters.
    expect(Buffer.from(stored['n'] as string, 'base64url')).toHaveLength(256);

    const second = await loadOrCreateIssuerKey(dataDir);
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk).toEqual(first.publicJwk);
    // The reloaded private key signs what the first load's public key accepts.
    const jws = await new CompactSign(new TextEncoder().encode('same key')).setProtectedHeader({ alg: 'RS256' }).sign(second.privateKey);
    await expect(compactVerify(jws, await importJWK(first.publicJwk, 'RS256'))).resolves.toBeTruthy();
  });

  it('names the key by its RFC 7638 thumbprint and URL, and publishes only public members', async () => {
    const key = await loadOrCreateIssuerKey(await tempDataDir());
    const origin = 'https://practicum.example.com';
    const [byUrl, byThumbprint, ...rest] = publicJwks(key, origin).keys;
    expect(rest).toEqual([]);
    expect(byUrl).toEqual({ kty: 'RSA', n: key.publicJwk.n, e: 'AQAB', kid: `${origin}/.well-known/jwks/${key.kid}`, alg: 'RS256', use: 'sig' });
    expect(byUrl).toEqual(publicJwkAt(key, origin));
    expect(keyUrl(origin, key.kid)).toBe(byUrl?.kid);
    expect(thumbprintOfKeyUrl(byUrl?.kid ?? '')).toBe(key.kid);
    expect(thumbprintOfKeyUrl(key.kid)).toBeNull();
    expect(byThumbprint).toEqual({ kty: 'RSA', n: key.publicJwk.n, e: 'AQAB', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: byUrl?.n ?? '', e: byUrl?.e ?? '' }));
    expect(JSON.stringify(publicJwks(key, origin))).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
  });

  it('gives different data directories different keys', async () => {
    const a = await loadOrCreateIssuerKey(await tempDataDir());
    const b = await loadOrCreateIssuerKey(await tempDataDir());
    expect(a.kid).not.toBe(b.kid);
  });

  it('settles on one key when two processes start at once', async () => {
    const dataDir = await tempDataDir();
    const [a, b] = await Promise.all([loadOrCreateIssuerKey(dataDir), loadOrCreateIssuerKey(dataDir)]);
    expect(a.kid).toBe(b.kid);
    expect((await loadOrCreateIssuerKey(dataDir)).kid).toBe(a.kid);
  });

  it('tightens a private key file someone made readable by others', async () => {
    const dataDir = await tempDataDir();
    await loadOrCreateIssuerKey(dataDir);
    const privatePath = join(dataDir, 'keys', 'issuer-private.jwk.json');
    await chmod(privatePath, 0o644);
    await loadOrCreateIssuerKey(dataDir);
    expect((await stat(privatePath)).mode & 0o777).toBe(0o600);
  });

  it('refuses a corrupt key file instead of silently replacing it', async () => {
    const dataDir = await tempDataDir();
    await mkdir(join(dataDir, 'keys'));
    await writeFile(join(dataDir, 'keys', 'issuer-private.jwk.json'), '{not json', { mode: 0o600 });
    await expect(loadOrCreateIssuerKey(dataDir)).rejects.toThrow(/not valid JSON/);
    expect(await readFile(join(dataDir, 'keys', 'issuer-private.jwk.json'), 'utf8')).toBe('{not json');
  });
});
