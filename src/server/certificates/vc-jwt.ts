// Securing Verifiable Credentials (VC Data Model 2.0) as compact JWS the way Open Badges 3.0 §8.2
// describes VC-JWT: the JWT payload is the credential itself, plus `iss`, `sub`, `nbf`, `exp` and
// (for Open Badges) `jti` mirroring `issuer.id`, `credentialSubject.id`, `validFrom`, `validUntil`
// and `id`. The JOSE `kid` is the URL the signing key is served at. Used for both the
// OpenBadgeCredential and the revocation status list credential. Also owns the issuer Profile.
import { CompactSign, compactVerify, createLocalJWKSet, errors } from 'jose';
import type { JSONWebKeySet, JWSHeaderParameters, FlattenedJWSInput } from 'jose';
import type { IssuerKey } from './keys.ts';
import { ISSUER_KEY_ALG, keyUrl, thumbprintOfKeyUrl } from './keys.ts';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const ISSUER_NAME = 'Practicum';

/** OB 3.0's JOSE header table: `typ`, if present, MUST be "JWT". */
const JWT_TYP = 'JWT';

export interface Image {
  id: string;
  type: 'Image';
  caption?: string;
}

export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
  /** Always set by issuerProfile; optional so a Profile read back from elsewhere need not have one. */
  image?: Image;
}

export const issuerId = (origin: string): string => `${origin}/issuer`;

/** The platform as an OB 3.0 Profile; `id` is the URL the lead serves this same JSON at. */
export function issuerProfile(origin: string): IssuerProfile {
  return {
    id: issuerId(origin),
    type: ['Profile'],
    name: ISSUER_NAME,
    url: origin,
    image: { id: `${origin}/badges/issuer.svg`, type: 'Image', caption: `${ISSUER_NAME} logo` },
  };
}

/** The members every credential this module signs carries (VCDM 2.0 names). */
export interface SignableCredential {
  '@context': readonly string[];
  id: string;
  type: readonly string[];
  issuer: string | { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject?: { id?: string };
}

export interface SignOptions {
  /** Public origin: the `kid` is the signing key's URL there. */
  origin: string;
  /**
   * Add `jti` (= `id`). Open Badges 3.0 requires it; the VC 2.0 context defines no `jti` term, so
   * credentials under that context alone (the status list) leave it out.
   */
  jti: boolean;
}

/** Milliseconds since the epoch → an XML Schema dateTime in UTC at whole seconds (what `nbf`/`exp` can hold). */
export function toDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const seconds = (dateTime: string): number => Math.floor(Date.parse(dateTime) / 1000);
const idOf = (node: unknown): unknown => (typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : node);
const subjectIdOf = (subject: unknown): unknown => (typeof subject === 'object' && subject !== null ? (subject as { id?: unknown }).id : undefined);

/** Signs `credential` as a VC-JWT (RS256, `kid` = the URL its public key is served at). */
export async function signVerifiableCredential(credential: SignableCredential, key: IssuerKey, options: SignOptions): Promise<string> {
  const iss = idOf(credential.issuer);
  if (typeof iss !== 'string') throw new Error('the credential has no issuer id');
  if (Number.isNaN(Date.parse(credential.validFrom))) throw new Error(`validFrom "${credential.validFrom}" is not a date-time`);
  const sub = subjectIdOf(credential.credentialSubject);
  const payload: Record<string, unknown> = { ...credential, iss, nbf: seconds(credential.validFrom) };
  if (typeof sub === 'string') payload['sub'] = sub;
  if (options.jti) payload['jti'] = credential.id;
  if (credential.validUntil !== undefined) payload['exp'] = seconds(credential.validUntil);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: ISSUER_KEY_ALG, kid: keyUrl(options.origin, key.kid), typ: JWT_TYP })
    .sign(key.privateKey);
}

export type VcJwtError =
  | 'malformed' // not a compact JWS, or the payload is not a credential
  | 'unknown-key' // no key in the JWKS matches the header's kid
  | 'bad-signature' // the signature does not match the header and payload
  | 'claims-mismatch' // iss/sub/jti/nbf/exp disagree with issuer/credentialSubject.id/id/validFrom/validUntil
  | 'not-yet-valid'
  | 'expired';

export type VcJwtVerification =
  | { valid: true; credential: Record<string, unknown>; kid: string }
  | { valid: false; error: VcJwtError; message: string; credential?: Record<string, unknown> };

const JWT_CLAIMS = ['iss', 'jti', 'nbf', 'exp', 'sub', 'iat'];

function fail(error: VcJwtError, message: string, credential?: Record<string, unknown>): VcJwtVerification {
  return credential ? { valid: false, error, message, credential } : { valid: false, error, message };
}

/** The OB 3.0 §8.2 verifier checks on the payload, once the signature is known to be good. */
function claimsMismatch(payload: Record<string, unknown>): string | null {
  const { id, issuer, validFrom, validUntil } = payload;
  if (typeof id !== 'string' || typeof validFrom !== 'string' || Number.isNaN(Date.parse(validFrom))) {
    return 'the credential lacks an id or a validFrom date-time';
  }
  if (payload['iss'] !== idOf(issuer)) return 'iss does not match issuer.id';
  // Credentials signed before holders had identifiers carry neither `sub` nor a subject id.
  if (payload['sub'] !== undefined && payload['sub'] !== subjectIdOf(payload['credentialSubject'])) return 'sub does not match credentialSubject.id';
  if (payload['jti'] !== undefined && payload['jti'] !== id) return 'jti does not match id';
  if (payload['nbf'] !== seconds(validFrom)) return 'nbf does not match validFrom';
  if (validUntil === undefined) {
    if (payload['exp'] !== undefined) return 'exp is set but validUntil is not';
  } else if (typeof validUntil !== 'string' || payload['exp'] !== seconds(validUntil)) {
    return 'exp does not match validUntil';
  }
  return null;
}

/**
 * The key in `jwks` the header names: by exact `kid`, or, for a `kid` that is a key URL
 * (…/.well-known/jwks/<thumbprint>), by that thumbprint, so a set that lists keys only under their
 * thumbprints (as before keys had URLs) still verifies what is signed now. Which URL the set came
 * from is the caller's trust decision; the `kid` only picks a key out of it.
 */
function keyResolver(jwks: JSONWebKeySet) {
  const set = createLocalJWKSet(jwks);
  return async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    try {
      return await set(header, token);
    } catch (error) {
      const thumbprint = typeof header.kid === 'string' ? thumbprintOfKeyUrl(header.kid) : null;
      if (!(error instanceof errors.JWKSNoMatchingKey) || !thumbprint) throw error;
      return set({ ...header, kid: thumbprint }, token);
    }
  };
}

/**
 * Verifies a VC-JWT against a JWKS (offline: only the public keys are needed) and checks that
 * its JWT claims mirror the credential and that `now` (ms) lies in its validity period.
 * On success `credential` is the payload without the JWT claims, i.e. the credential as built.
 */
export async function verifyVerifiableCredentialJwt(jwt: string, jwks: JSONWebKeySet, now = Date.now()): Promise<VcJwtVerification> {
  let payloadBytes: Uint8Array;
  let kid: string;
  try {
    const result = await compactVerify(jwt.trim(), keyResolver(jwks), { algorithms: [ISSUER_KEY_ALG] });
    payloadBytes = result.payload;
    kid = result.protectedHeader.kid ?? '';
    const typ = result.protectedHeader.typ;
    if (typ !== undefined && typ !== JWT_TYP && typ !== 'vc+jwt') return fail('malformed', `unexpected JOSE typ "${typ}"`);
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return fail('unknown-key', 'no key in the key set matches the signature');
    if (error instanceof errors.JWSSignatureVerificationFailed) return fail('bad-signature', 'the signature does not match the content');
    return fail('malformed', error instanceof Error ? error.message : 'not a compact JWS');
  }

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    return fail('malformed', 'the payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return fail('malformed', 'the payload is not an object');
  const claims = payload as Record<string, unknown>;
  const credential = Object.fromEntries(Object.entries(claims).filter(([name]) => !JWT_CLAIMS.includes(name)));
  const context = credential['@context'];
  const type = credential['type'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT || !Array.isArray(type) || !type.includes('VerifiableCredential')) {
    return fail('malformed', 'the payload is not a VC Data Model 2.0 credential');
  }

  const mismatch = claimsMismatch(claims);
  if (mismatch) return fail('claims-mismatch', mismatch, credential);
  const nowSeconds = Math.floor(now / 1000);
  if (nowSeconds < (claims['nbf'] as number)) return fail('not-yet-valid', 'the credential is not valid yet', credential);
  if (typeof claims['exp'] === 'number' && nowSeconds >= claims['exp']) return fail('expired', 'the credential has expired', credential);
  return { valid: true, credential, kid };
}
