import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactSign, decodeJwt, decodeProtectedHeader } from 'jose';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyUrl, loadOrCreateIssuerKey, publicJwks } from '../../../src/server/certificates/keys.ts';
import type { IssuerKey } from '../../../src/server/certificates/keys.ts';
import { OB3_CREDENTIAL_SCHEMA, buildOpenBadgeCredential, signCredential, subjectId, verifyCredentialJwt } from '../../../src/server/certificates/credential.ts';
import type { OpenBadgeCredentialInput } from '../../../src/server/certificates/credential.ts';

const origin = 'https://practicum.example.com';
const issuedAt = Date.UTC(2026, 10, 23, 7, 30, 12, 345);
const expiresAt = Date.UTC(2028, 10, 23, 7, 30, 12);

const input: OpenBadgeCredentialInput = {
  origin,
  certificateId: 'k3x7q2mz5v8w4r6t9y2b3n5c7d1f4g6h8j0l2p4s',
  program: { id: 'typescript', title: 'TypeScript Foundations' },
  level: { id: 'associate', name: 'Associate' },
  description: 'Writes, tests and debugs everyday TypeScript programs.',
  criteriaNarrative: 'Pass the Associate exam with at least 70% overall and 50% in every skill area.',
  learner: { email: '  Zoe.Alander@Example.com ', displayName: 'Zoë Ålander' },
  holderId: 'urn:uuid:5f0c7c1e-3b2a-4d8e-9f61-2a7b9c0d4e13',
  issuedAt,
  expiresAt,
  statusIndex: 4242,
  overall: { score: 86.25, required: 70 },
  skillAreas: [
    { id: 'types', name: 'Types', score: 90, required: 50 },
    { id: 'testing', name: 'Testing', score: 77.5 },
  ],
};

const dataDirs: string[] = [];
async function freshKey(): Promise<IssuerKey> {
  const dir = await mkdtemp(join(tmpdir(), 'practicum-cred-'));
  dataDirs.push(dir);
  return loadOrCreateIssuerKey(dir);
}
let key: IssuerKey;
let otherKey: IssuerKey;
beforeAll(async () => {
  key = await freshKey();
  otherKey = await freshKey();
});
afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('OpenBadgeCredential', () => {
  it('carries the OB 3.0 required fields with the exact @context pair', () => {
    const credential = buildOpenBadgeCredential(input);
    expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(credential.id).toBe(`${origin}/api/certificates/${input.certificateId}/credential`);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer).toMatchObject({ id: `${origin}/issuer`, type: ['Profile'], name: 'Practicum' });
    expect(credential.validFrom).toBe('2026-11-23T07:30:12Z');
    expect(credential.validUntil).toBe('2028-11-23T07:30:12Z');
    expect(credential.name).toBe('TypeScript Foundations — Associate certification');
    expect(credential.credentialStatus).toEqual({
      id: `${origin}/api/status/revocation#4242`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '4242',
      statusListCredential: `${origin}/api/status/revocation`,
    });
  });

  it('names the learner by their holder id, and identifies them by salted email hash and unhashed display name', () => {
    const { credentialSubject } = buildOpenBadgeCredential(input);
    expect(credentialSubject.type).toEqual(['AchievementSubject']);
    expect(credentialSubject.id).toBe(input.holderId);
    const [email, name] = credentialSubject.identifier;
    const salt = email?.salt ?? '';
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    const expectedHash = `sha256$${createHash('sha256').update(`zoe.alander@example.com${salt}`).digest('hex')}`;
    expect(email).toEqual({ type: 'IdentityObject', identityHash: expectedHash, identityType: 'emailAddress', hashed: true, salt });
    expect(name).toEqual({ type: 'IdentityObject', identityHash: 'Zoë Ålander', identityType: 'name', hashed: false });
    expect(JSON.stringify(credentialSubject)).not.toMatch(/alander@/i);
    // Per-certificate salt: the same learner is not linkable across certificates by hash.
    const other = buildOpenBadgeCredential({ ...input, certificateId: 'another-certificate' }).credentialSubject;
    expect(other.identifier[0]?.identityHash).not.toBe(email?.identityHash);
    // …while the holder id is what names the same holder on all of them.
    expect(other.id).toBe(input.holderId);
  });

  it('gives an account without a holder id a per-certificate urn:uuid subject', () => {
    const uuid = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const first = buildOpenBadgeCredential({ ...input, holderId: null }).credentialSubject.id;
    expect(first).toMatch(uuid);
    expect(buildOpenBadgeCredential({ ...input, holderId: null }).credentialSubject.id).toBe(first);
    expect(subjectId(null, 'another-certificate')).toMatch(uuid);
    expect(subjectId(null, 'another-certificate')).not.toBe(first);
    expect(subjectId('urn:uuid:00000000-0000-4000-8000-000000000000', input.certificateId)).toBe('urn:uuid:00000000-0000-4000-8000-000000000000');
  });

  it('names its schema, award date, description and images (badge, level badge, issuer logo)', () => {
    const credential = buildOpenBadgeCredential({ ...input, distinction: 'with distinction' });
    expect(credential.credentialSchema).toEqual([{ id: OB3_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }]);
    expect(OB3_CREDENTIAL_SCHEMA).toBe('https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json');
    expect(credential.awardedDate).toBe('2026-11-23T07:30:12Z');
    expect(credential.description).toBe(
      'Zoë Ålander earned the Associate certification with distinction in TypeScript Foundations, awarded by Practicum on 2026-11-23 for passing its assessment with an overall score of 86.3%.',
    );
    expect(credential.image).toEqual({ id: `${origin}/verify/${input.certificateId}/badge.svg`, type: 'Image', caption: 'TypeScript Foundations — Associate certification with distinction badge of Zoë Ålander' });
    expect(credential.credentialSubject.achievement.image).toEqual({ id: `${origin}/badges/typescript/associate.svg`, type: 'Image', caption: 'TypeScript Foundations — Associate certification badge' });
    expect(credential.issuer.image).toEqual({ id: `${origin}/badges/issuer.svg`, type: 'Image', caption: 'Practicum logo' });
  });

  it('describes the achievement with criteria and the skill areas as results', () => {
    const { achievement, result } = buildOpenBadgeCredential(input).credentialSubject;
    const achievementId = `${origin}/programs/typescript#certification-associate`;
    expect(achievement).toMatchObject({
      id: achievementId,
      type: ['Achievement'],
      name: 'TypeScript Foundations — Associate certification',
      description: input.description,
      criteria: { narrative: input.criteriaNarrative },
    });
    expect(achievement.resultDescription.map((d) => [d.id, d.name, d.resultType, d.requiredValue])).toEqual([
      [`${achievementId}-overall`, 'Overall score', 'Percent', '70'],
      [`${achievementId}-skill-types`, 'Skill area: Types', 'Percent', '50'],
      [`${achievementId}-skill-testing`, 'Skill area: Testing', 'Percent', undefined],
    ]);
    expect(result.map((r) => [r.resultDescription, r.value])).toEqual([
      [`${achievementId}-overall`, '86.3'],
      [`${achievementId}-skill-types`, '90'],
      [`${achievementId}-skill-testing`, '77.5'],
    ]);
  });

  it('omits validUntil for certificates that do not expire', () => {
    const credential = buildOpenBadgeCredential({ ...input, expiresAt: null });
    expect(credential).not.toHaveProperty('validUntil');
  });
});

describe('VC-JWT', () => {
  it('puts the credential itself in the payload with iss, sub, jti, nbf and exp mirroring it, and the key URL as kid', async () => {
    const credential = buildOpenBadgeCredential(input);
    const jwt = await signCredential(credential, key, origin);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', kid: `${origin}/.well-known/jwks/${key.kid}`, typ: 'JWT' });
    const payload = decodeJwt(jwt);
    expect(payload).toMatchObject({ ...credential, iss: `${origin}/issuer`, sub: input.holderId, jti: credential.id, nbf: Math.floor(issuedAt / 1000), exp: expiresAt / 1000 });
    expect(payload.sub).toBe(credential.credentialSubject.id);
    expect(payload).not.toHaveProperty('vc');
  });

  it('verifies offline with the JWKS and returns the credential as built', async () => {
    const credential = buildOpenBadgeCredential(input);
    const result = await verifyCredentialJwt(await signCredential(credential, key, origin), publicJwks(key, origin), issuedAt + 1000);
    expect(result).toEqual({ valid: true, credential: JSON.parse(JSON.stringify(credential)), kid: keyUrl(origin, key.kid) });
  });

  it('finds the key by the thumbprint its URL names, so a set listing keys only by thumbprint verifies too', async () => {
    const jwt = await signCredential(buildOpenBadgeCredential(input), key, origin);
    expect(await verifyCredentialJwt(jwt, { keys: [key.publicJwk] }, issuedAt + 1000)).toMatchObject({ valid: true });
    // A URL naming another key's thumbprint finds nothing.
    const misnamed = await new CompactSign(Buffer.from(jwt.split('.')[1] ?? '', 'base64url'))
      .setProtectedHeader({ alg: 'RS256', kid: keyUrl(origin, otherKey.kid), typ: 'JWT' })
      .sign(key.privateKey);
    expect(await verifyCredentialJwt(misnamed, { keys: [key.publicJwk] }, issuedAt + 1000)).toMatchObject({ valid: false, error: 'unknown-key' });
  });

  it('still verifies credentials issued before keys had URLs and holders had ids (bare thumbprint kid, no sub)', async () => {
    const credential = buildOpenBadgeCredential(input) as unknown as Record<string, any>;
    delete credential['credentialSubject'].id;
    const legacy = { ...credential, iss: `${origin}/issuer`, jti: credential['id'], nbf: Math.floor(issuedAt / 1000), exp: expiresAt / 1000 };
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(legacy))).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    expect(await verifyCredentialJwt(jwt, publicJwks(key, origin), issuedAt + 1000)).toMatchObject({ valid: true, kid: key.kid });
  });

  it('fails when any payload field is changed after signing', async () => {
    const jwt = await signCredential(buildOpenBadgeCredential(input), key, origin);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const original = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, any>;
    const tamperings: ((p: Record<string, any>) => void)[] = [
      (p) => (p['name'] = 'TypeScript Foundations — Expert certification'),
      (p) => (p['credentialSubject'].identifier[1].identityHash = 'Mallory'),
      (p) => (p['credentialSubject'].result[0].value = '100'),
      (p) => (p['validUntil'] = '2099-01-01T00:00:00Z'),
      (p) => (p['exp'] = 4_070_908_800),
      (p) => (p['credentialStatus'].statusListIndex = '1'),
      (p) => delete p['credentialStatus'],
    ];
    for (const tamper of tamperings) {
      const changed = structuredClone(original);
      tamper(changed);
      const result = await verifyCredentialJwt(`${header}.${b64(changed)}.${signature}`, publicJwks(key, origin), issuedAt + 1000);
      expect(result).toMatchObject({ valid: false, error: 'bad-signature' });
    }
    // A one-character change to the signature itself fails too.
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await verifyCredentialJwt(flipped, publicJwks(key, origin), issuedAt + 1000)).toMatchObject({ valid: false });
  });

  it('fails when signed by another key, whether or not the kid claims to be ours', async () => {
    const credential = buildOpenBadgeCredential(input);
    const other = await signCredential(credential, otherKey, origin);
    expect(await verifyCredentialJwt(other, publicJwks(key, origin), issuedAt + 1000)).toMatchObject({ valid: false, error: 'unknown-key' });

    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(decodeJwt(other))))
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .sign(otherKey.privateKey);
    expect(await verifyCredentialJwt(forged, publicJwks(key, origin), issuedAt + 1000)).toMatchObject({ valid: false, error: 'bad-signature' });
  });

  it('rejects unsigned and HMAC tokens', async () => {
    const payload = b64(decodeJwt(await signCredential(buildOpenBadgeCredential(input), key, origin)));
    const none = `${b64({ alg: 'none', kid: key.kid })}.${payload}.`;
    expect(await verifyCredentialJwt(none, publicJwks(key, origin))).toMatchObject({ valid: false });
    const hmac = await new CompactSign(Buffer.from(payload, 'base64url'))
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .sign(new TextEncoder().encode('a shared secret anyone could guess'));
    expect(await verifyCredentialJwt(hmac, publicJwks(key, origin))).toMatchObject({ valid: false });
  });

  it('rejects validly signed tokens whose claims contradict the credential', async () => {
    const credential = buildOpenBadgeCredential(input);
    const claims = decodeJwt(await signCredential(credential, key, origin));
    const sign = (payload: unknown) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    for (const contradiction of [{ jti: `${origin}/somewhere-else` }, { iss: 'https://evil.example' }, { sub: 'urn:uuid:00000000-0000-4000-8000-000000000000' }, { nbf: 0 }, { exp: 4_070_908_800 }]) {
      const result = await verifyCredentialJwt(await sign({ ...claims, ...contradiction }), publicJwks(key, origin), issuedAt + 1000);
      expect(result).toMatchObject({ valid: false, error: 'claims-mismatch' });
    }
    // OB 3.0 requires jti, and sub for a subject with an id.
    const { jti: _jti, ...withoutJti } = claims;
    expect(await verifyCredentialJwt(await sign(withoutJti), publicJwks(key, origin), issuedAt + 1000)).toMatchObject({ valid: false, error: 'malformed' });
    const { sub: _sub, ...withoutSub } = claims;
    expect(await verifyCredentialJwt(await sign(withoutSub), publicJwks(key, origin), issuedAt + 1000)).toMatchObject({ valid: false, error: 'malformed' });
    const reordered = { ...claims, '@context': [...credential['@context']].reverse() };
    expect(await verifyCredentialJwt(await sign(reordered), publicJwks(key, origin), issuedAt + 1000)).toMatchObject({ valid: false, error: 'malformed' });
  });

  it('reports expired and not-yet-valid credentials with their content', async () => {
    const jwt = await signCredential(buildOpenBadgeCredential(input), key, origin);
    const expired = await verifyCredentialJwt(jwt, publicJwks(key, origin), expiresAt);
    expect(expired).toMatchObject({ valid: false, error: 'expired', credential: { name: 'TypeScript Foundations — Associate certification' } });
    expect(await verifyCredentialJwt(jwt, publicJwks(key, origin), issuedAt - 60_000)).toMatchObject({ valid: false, error: 'not-yet-valid' });
    const forever = await signCredential(buildOpenBadgeCredential({ ...input, expiresAt: null }), key, origin);
    expect(await verifyCredentialJwt(forever, publicJwks(key, origin), Date.UTC(2090, 0, 1))).toMatchObject({ valid: true });
  });

  it('signs deterministically, so re-downloads of one certificate are byte-identical', async () => {
    const credential = buildOpenBadgeCredential(input);
    expect(await signCredential(credential, key, origin)).toBe(await signCredential(buildOpenBadgeCredential(input), key, origin));
  });
});
