// Seals the issuer's private key for storage in the database (cluster mode), where every web node
// reads it and no node keeps it on disk. AES-256-GCM under a key derived (HKDF-SHA-256, per-seal
// salt) from PRACTICUM_KEY_SECRET, a secret only the nodes' environment holds: a database dump or
// backup carries the key sealed, never in the clear. The issuer key's thumbprint is bound as
// associated data, so a sealed key cannot be swapped for another row's.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'practicum issuer key seal v1';
/** 32 random bytes written as 43+ base64url characters, or any secret at least this long. */
export const MIN_SECRET_LENGTH = 32;

export class KeySealError extends Error {
  override name = 'KeySealError';
}

/** Refuses a missing or short secret with a message an operator can act on. */
export function checkKeySecret(secret: string | undefined): string {
  if (!secret) {
    throw new KeySealError(
      'PRACTICUM_KEY_SECRET is not set. With DATABASE_URL the issuer key is kept in the database, sealed with this secret; ' +
        'set the same value on every web node (for example: openssl rand -base64 32).',
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new KeySealError(`PRACTICUM_KEY_SECRET is ${secret.length} characters long; use at least ${MIN_SECRET_LENGTH} (for example: openssl rand -base64 32).`);
  }
  return secret;
}

function derive(secret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, INFO, 32));
}

/** `v1.<salt>.<iv>.<ciphertext>.<tag>`, base64url parts. */
export function sealText(plain: string, secret: string, boundTo: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(checkKeySecret(secret), salt), iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, salt, iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function unsealText(sealed: string, secret: string, boundTo: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new KeySealError('the stored issuer key is not in a sealed form this version reads');
  const [salt, iv, body, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer, Buffer];
  const decipher = createDecipheriv('aes-256-gcm', derive(checkKeySecret(secret), salt), iv);
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new KeySealError(
      'the stored issuer key does not open with this PRACTICUM_KEY_SECRET: every web node must have the value the key was sealed with',
    );
  }
}
