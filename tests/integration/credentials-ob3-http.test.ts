// Open Badges 3.0 conformance over real HTTP, checked the way an outside verifier would: the issued
// credential passes 1EdTech's JSON Schema (vendored, tests/fixtures/ob3); its JOSE `kid` is a URL that
// dereferences (plain GET) to the bare public JWK that verifies it, with jose alone; `sub` equals
// `credentialSubject.id`, the holder's stored urn:uuid; the status list uses only VC 2.0 terms; the
// images the credential names are served; and the baked badge's embedded credential, pulled out by
// an XML parser, verifies against the key its `kid` names. Credentials signed before keys had URLs
// (bare thumbprint `kid`) still verify against the published JWKS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactSign, compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { issueCertificateFor, serverIssuerKey } from '../helpers/db.ts';
import { ob3SchemaErrors } from '../helpers/ob3-schema.ts';
import { verifyCredentialJwt } from '../../src/server/certificates/credential.ts';

let server: RunningServer;
let holder: HttpClient;
let stranger: HttpClient;
let certId: string;
let jwt: string;

const JWT_CLAIMS = ['iss', 'sub', 'jti', 'nbf', 'exp'];

beforeAll(async () => {
  server = await startServer();
  holder = server.client();
  await holder.signUp('ob3-holder@example.com', 'Zoë Ålander & <Co>');
  stranger = server.client();
  await stranger.signUp('ob3-stranger@example.com', 'Eve');
  certId = await issueCertificateFor(server.dataDir, 'ob3-holder@example.com');
  const res = await holder.get(`/api/certificates/${certId}/credential`);
  expect(res.status).toBe(200);
  jwt = (await res.text()).trim();
});
afterAll(() => server?.stop());

/** GET a URL the way an outside verifier would (no cookies, any origin), as JSON. */
async function dereference(url: string): Promise<{ res: Response; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers: { origin: 'https://verifier.example' } });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

async function holderIdInDb(email: string): Promise<string> {
  const db = await server.openStore();
  try {
    return (await db.get('SELECT holder_id FROM users WHERE email = ?', email) as { holder_id: string }).holder_id;
  } finally {
    await db.close();
  }
}

describe('the issued OpenBadgeCredential', () => {
  it('passes the OB 3.0 AchievementCredential JSON Schema', () => {
    const payload = decodeJwt(jwt) as Record<string, unknown>;
    const credential = Object.fromEntries(Object.entries(payload).filter(([name]) => !JWT_CLAIMS.includes(name)));
    expect(ob3SchemaErrors(credential)).toEqual([]);
    // The JWT payload as a whole (credential plus claims) too: the schema allows the extra claims.
    expect(ob3SchemaErrors(payload)).toEqual([]);
    expect(credential['credentialSchema']).toEqual([
      { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' },
    ]);
    expect(credential['awardedDate']).toBe(credential['validFrom']);
    expect(String(credential['description'])).toContain('Zoë Ålander & <Co> earned the');
  });

  it('has a kid that dereferences, with a plain GET, to the bare public JWK that verifies it', async () => {
    const { kid, alg } = decodeProtectedHeader(jwt);
    expect(alg).toBe('RS256');
    expect(kid).toMatch(new RegExp(`^${server.origin}/\\.well-known/jwks/[A-Za-z0-9_-]{43}$`));
    const { res, body } = await dereference(kid ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jwk+json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toMatchObject({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(body).not.toHaveProperty(secret);
    // Verified with jose and nothing of ours: the key the kid names checks the signature.
    const { payload } = await compactVerify(jwt, await importJWK(body as JWK, 'RS256'));
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ id: `${server.origin}/api/certificates/${certId}/credential` });
    // …and the JWKS lists that same key under that kid.
    const jwks = (await (await server.client().get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    expect(jwks.keys.find((k) => k.kid === kid)).toEqual(body);
    expect(await verifyCredentialJwt(jwt, jwks)).toMatchObject({ valid: true, kid });
  });

  it('answers 404 for a key it does not have and for anything that is not a thumbprint', async () => {
    expect((await server.client().get(`/.well-known/jwks/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await server.client().get('/.well-known/jwks/not-a-thumbprint')).status).toBe(404);
  });

  it('names the holder by a stable urn:uuid in sub and credentialSubject.id', async () => {
    const payload = decodeJwt(jwt) as { sub?: string; credentialSubject: { id?: string } };
    expect(payload.sub).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(payload.sub).toBe(payload.credentialSubject.id);
    expect(payload.sub).toBe(await holderIdInDb('ob3-holder@example.com'));
    // The same holder on another certificate: the same subject.
    const second = await issueCertificateFor(server.dataDir, 'ob3-holder@example.com', { level: 'professional' });
    const again = decodeJwt(await (await holder.get(`/api/certificates/${second}/credential`)).text());
    expect(again.sub).toBe(payload.sub);
    expect(decodeJwt(await (await holder.get(`/api/certificates/${certId}/credential`)).text()).sub).toBe(payload.sub);
  });

  it('still verifies a credential signed before keys had URLs (bare thumbprint kid, no sub) with the published JWKS', async () => {
    const key = await serverIssuerKey(server.dataDir);
    const legacyPayload = decodeJwt(jwt) as Record<string, any>;
    delete legacyPayload['sub'];
    delete legacyPayload['credentialSubject'].id;
    const legacy = await new CompactSign(new TextEncoder().encode(JSON.stringify(legacyPayload))).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    const jwks = (await (await server.client().get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    await expect(compactVerify(legacy, createLocalJWKSet(jwks))).resolves.toBeTruthy();
    expect(await verifyCredentialJwt(legacy, jwks)).toMatchObject({ valid: true, kid: key.kid });
  });
});

describe('the status list credential', () => {
  it('uses only VC 2.0 terms and is signed under a dereferenceable kid', async () => {
    const list = await (await server.client().get('/api/status/revocation')).text();
    const payload = decodeJwt(list) as Record<string, unknown>;
    expect(payload['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(payload).not.toHaveProperty('jti');
    expect(payload['issuer']).toEqual({ id: `${server.origin}/issuer`, name: 'Practicum' });
    expect(payload['sub']).toBe((payload['credentialSubject'] as { id: string }).id);
    const { kid } = decodeProtectedHeader(list);
    const { body } = await dereference(kid ?? '');
    await expect(compactVerify(list, await importJWK(body as JWK, 'RS256'))).resolves.toBeTruthy();
  });
});

describe('badge images', () => {
  it('serves the images the credential names: the certificate badge, the level badge and the issuer logo', async () => {
    const payload = decodeJwt(jwt) as { image: { id: string }; issuer: { image: { id: string } }; credentialSubject: { achievement: { image: { id: string } } } };
    const urls = [payload.image.id, payload.credentialSubject.achievement.image.id, payload.issuer.image.id];
    expect(urls).toEqual([
      `${server.origin}/verify/${certId}/badge.svg`,
      `${server.origin}/badges/clean-timestamp/associate.svg`,
      `${server.origin}/badges/issuer.svg`,
    ]);
    for (const url of urls) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const svg = await res.text();
      expect(XMLValidator.validate(svg), url).toBe(true);
      expect(svg).not.toContain('openbadges:credential');
    }
    const own = await (await fetch(urls[0] ?? '')).text();
    expect(own).toContain('Zoë Ålander &amp; &lt;Co&gt;');
    expect(own).toContain('Certified Clean Timestamp Associate');
    expect((await server.client().get('/badges/clean-timestamp/no-such-level.svg')).status).toBe(404);
    expect((await server.client().get('/badges/no-such-program/associate.svg')).status).toBe(404);
    expect((await server.client().get('/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/badge.svg')).status).toBe(404);
  });
});

describe('the baked badge', () => {
  it('is downloaded by its holder and carries the credential, which verifies against the key its kid names', async () => {
    const res = await holder.get(`/certificates/${certId}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="practicum-badge-${certId}.svg"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const svg = await res.text();
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(svg)['svg'] as Record<string, any>;
    expect(root['@xmlns:openbadges']).toBe('https://purl.imsglobal.org/ob/v3p0');
    const embedded = root['openbadges:credential']['@verify'] as string;

    const { kid } = decodeProtectedHeader(embedded);
    const { body } = await dereference(kid ?? '');
    const { payload } = await compactVerify(embedded, await importJWK(body as JWK, 'RS256'));
    const credential = JSON.parse(new TextDecoder().decode(payload)) as { id: string; sub: string; credentialSubject: { id: string } };
    expect(credential.id).toBe(`${server.origin}/api/certificates/${certId}/credential`);
    expect(credential.sub).toBe(credential.credentialSubject.id);
    // The same credential the holder downloads as a JWT.
    expect(embedded).toBe(jwt);
  });

  it('is nobody else’s to download', async () => {
    expect((await stranger.get(`/certificates/${certId}.svg`)).status).toBe(404);
    expect((await server.client().get(`/certificates/${certId}.svg`)).status).toBe(401);
  });

  it('is offered beside the PDF and the JWT on /me and, to its holder only, on the verification page', async () => {
    const me = await (await holder.get('/me')).text();
    expect(me).toContain(`href="/certificates/${certId}.svg"`);
    expect(me).toContain(`href="/api/certificates/${certId}/credential"`);
    const mine = await (await holder.get(`/verify/${certId}`)).text();
    for (const href of [`/certificates/${certId}.pdf`, `/api/certificates/${certId}/credential`, `/certificates/${certId}.svg`]) expect(mine).toContain(`href="${href}"`);
    expect(mine).toContain(`src="/verify/${certId}/badge.svg"`);
    const theirs = await (await stranger.get(`/verify/${certId}`)).text();
    expect(theirs).toContain(`src="/verify/${certId}/badge.svg"`);
    expect(theirs).not.toContain(`href="/certificates/${certId}.svg"`);
    expect(theirs).not.toContain('data-testid="verify-downloads"');
  });
});
