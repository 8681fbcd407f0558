// The issuer's signing key: one RS256 key pair, created on first start and kept as JWK files in
// `<dataDir>/keys/`, plus where verifiers find its public half: each key at its own URL
// (/.well-known/jwks/<thumbprint>, the JOSE `kid` Open Badges 3.0 says verifiers dereference) and
// all of them in the JWKS at /.well-known/jwks.json.
// RS256 because it is the one algorithm every Open Badges 3.0 verifier must support.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const ISSUER_KEY_ALG = 'RS256';

export interface IssuerKey {
  /** RFC 7638 JWK thumbprint (SHA-256) of the public key: the last segment of its URL (keyUrl), and its `kid` in the JWKS. */
  kid: string;
  alg: typeof ISSUER_KEY_ALG;
  privateKey: CryptoKey;
  /** Public members only (kty, n, e) plus kid, alg and use. */
  publicJwk: JWK;
}

const PRIVATE_FILE = 'issuer-private.jwk.json';
const PUBLIC_FILE = 'issuer-public.jwk.json';

/** Only the members of an RSA public key; everything else in a private JWK is secret. */
function publicPart(jwk: JWK, kid: string): JWK {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw new Error('the issuer key file does not hold an RSA key');
  }
  return { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: ISSUER_KEY_ALG, use: 'sig' };
}

export async function fromPrivateJwk(jwk: JWK): Promise<IssuerKey> {
  if (typeof jwk.d !== 'string') throw new Error('the issuer private key file has no private exponent');
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n ?? '', e: jwk.e ?? '' });
  const publicJwk = publicPart(jwk, kid);
  const privateKey = (await importJWK({ ...jwk, alg: ISSUER_KEY_ALG }, ISSUER_KEY_ALG)) as CryptoKey;
  return { kid, alg: ISSUER_KEY_ALG, privateKey, publicJwk };
}

async function readPrivateJwk(path: string): Promise<JWK | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new Error(`the issuer key file ${path} is not valid JSON; restore it from a backup (deleting it invalidates every issued credential)`);
  }
}

/**
 * Writes `content` to `path` only if nothing is there yet, atomically: a complete temp file is
 * hard-linked into place, so two processes starting at once never see a half-written key and
 * the loser keeps the winner's key. Returns false when the file already existed.
 */
async function writeNew(path: string, content: string, mode: number): Promise<boolean> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode, flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Loads the issuer key from `<dataDir>/keys/`, creating it on first start. The private JWK file is
 * mode 0600 (tightened if someone loosened it); the public JWK file is a convenience copy for
 * operators. Losing the private file means every issued credential can no longer be checked
 * against the published JWKS, so it is never overwritten.
 */
export async function loadOrCreateIssuerKey(dataDir: string): Promise<IssuerKey> {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, PRIVATE_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });

  let jwk = await readPrivateJwk(privatePath);
  if (!jwk) {
    const pair = await generateKeyPair(ISSUER_KEY_ALG, { modulusLength: 2048, extractable: true });
    const created = await exportJWK(pair.privateKey);
    if (!(await writeNew(privatePath, `${JSON.stringify(created)}\n`, 0o600))) {
      jwk = await readPrivateJwk(privatePath);
      if (!jwk) throw new Error(`the issuer key file ${privatePath} vanished while it was being created`);
    } else {
      jwk = created;
    }
  }
  if (((await stat(privatePath)).mode & 0o077) !== 0) await chmod(privatePath, 0o600);

  const key = await fromPrivateJwk(jwk);
  await writeFile(join(dir, PUBLIC_FILE), `${JSON.stringify(key.publicJwk, null, 2)}\n`, { mode: 0o644 });
  return key;
}

/** Where the public key with this RFC 7638 thumbprint is served: the `kid` signatures name (earlier ones named the bare thumbprint). */
export const keyUrl = (origin: string, thumbprint: string): string => `${origin}/.well-known/jwks/${thumbprint}`;

const KEY_URL = /\/\.well-known\/jwks\/([A-Za-z0-9_-]{43})$/;

/** The thumbprint a key URL names (its last path segment), or null when `kid` is not one. */
export function thumbprintOfKeyUrl(kid: string): string | null {
  return KEY_URL.exec(kid)?.[1] ?? null;
}

/** The bare public JWK served at keyUrl(origin, key.kid): kty, n, e, and kid = that URL. */
export function publicJwkAt(key: IssuerKey, origin: string): JWK {
  return { ...key.publicJwk, kid: keyUrl(origin, key.kid) };
}

/**
 * The JSON Web Key Set served at /.well-known/jwks.json. Each key appears twice, under its URL
 * (the `kid` of what is signed now) and under its bare thumbprint (the `kid` of credentials issued
 * before keys had URLs), so a verifier that matches `kid` exactly against the set accepts both.
 */
export function publicJwks(key: IssuerKey, origin: string): JSONWebKeySet {
  return { keys: [publicJwkAt(key, origin), { ...key.publicJwk }] };
}
