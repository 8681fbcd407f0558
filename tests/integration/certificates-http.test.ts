// Certificates over real HTTP: public verification (page + JSON, every status, enumeration limit),
// the holder's PDF and signed credential, the JWKS and revocation list, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, type JSONWebKeySet } from 'jose';
import { PDFDocument } from 'pdf-lib';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { issueCertificateFor } from '../helpers/db.ts';
import { verifyCredentialJwt } from '../../src/server/certificates/credential.ts';
import { verifyVerifiableCredentialJwt } from '../../src/server/certificates/vc-jwt.ts';
import { extractTextRuns, linkUris } from '../helpers/pdf-inspect.ts';
import { isRevoked } from '../../src/server/certificates/status-list.ts';

let server: RunningServer;
let holder: HttpClient;
let stranger: HttpClient;
let instructor: HttpClient;
let certId: string;

beforeAll(async () => {
  server = await startServer();
  holder = server.client();
  await holder.signUp('zoe@example.com', 'Zoë Ålander-Петрова');
  stranger = server.client();
  await stranger.signUp('eve@example.com', 'Eve');
  certId = await issueCertificateFor(server.dataDir, 'zoe@example.com');
  const made = server.script('scripts/user-create.ts', ['--email', 'other-teacher@example.com', '--name', 'Other', '--role', 'instructor', '--password', 'instructor-pass-1']);
  expect(made.status).toBe(0);
  instructor = server.client();
  await instructor.logIn('other-teacher@example.com', 'instructor-pass-1');
});
afterAll(() => server?.stop());

describe('public verification', () => {
  it('answers JSON for a valid certificate without private data', async () => {
    const res = await server.client().get(`/api/certificates/${certId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { status: string; holder: string; level: { name: string }; achievement: { criteria: string } };
    expect(body.status).toBe('active');
    expect(body.holder).toBe('Zoë Ålander-Петрова');
    expect(body.achievement.criteria.length).toBeGreaterThan(20);
    expect(text).not.toContain('zoe@example.com');
  });

  it('shows the valid state on /verify/<id> without signing in', async () => {
    const page = await (await server.client().get(`/verify/${certId}`)).text();
    expect(page).toContain('data-status="active"');
    expect(page).toContain('Zoë Ålander-Петрова');
  });

  it('shows expired certificates as expired', async () => {
    const old = await issueCertificateFor(server.dataDir, 'eve@example.com', { issuedAt: Date.now() - 3 * 365 * 86400_000, expiresAt: Date.now() - 86400_000 });
    const body = (await (await server.client().get(`/api/certificates/${old}`)).json()) as { status: string };
    expect(body.status).toBe('expired');
    expect(await (await server.client().get(`/verify/${old}`)).text()).toContain('data-status="expired"');
  });
});

describe('holder artefacts', () => {
  it('lets the holder download a one-page PDF naming them and linking to the verify page', async () => {
    const res = await holder.get(`/certificates/${certId}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    const page = pdf.getPage(0);
    expect(linkUris(pdf, page)).toContain(`${server.origin}/verify/${certId}`);
    expect(extractTextRuns(pdf, page).join(' ')).toContain('Zoë Ålander-Петрова');
    const again = new Uint8Array(await (await holder.get(`/certificates/${certId}.pdf`)).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('signs an OB 3.0 credential that verifies with the published JWKS and fails when tampered', async () => {
    const jwt = await (await holder.get(`/api/certificates/${certId}/credential`)).text();
    const jwks = (await (await server.client().get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    const ok = await verifyCredentialJwt(jwt, jwks);
    expect(ok.valid).toBe(true);
    const payload = decodeJwt(jwt) as { type: string[]; credentialSubject: { achievement: { name: string } } };
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const [h, p, s] = jwt.split('.');
    const forged = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    forged['name'] = 'Something else';
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`;
    expect((await verifyCredentialJwt(tampered, jwks)).valid).toBe(false);
  });

  it('names the four skill areas of the competency assessment, with their targets, in the credential and on the verify page', async () => {
    const jwt = await (await holder.get(`/api/certificates/${certId}/credential`)).text();
    const { credentialSubject } = decodeJwt(jwt) as {
      credentialSubject: { achievement: { description: string; criteria: { narrative: string }; resultDescription: { name: string; requiredValue?: string }[] } };
    };
    const { achievement } = credentialSubject;
    expect(achievement.resultDescription.slice(1).map((d) => [d.name, d.requiredValue])).toEqual([
      ['Skill area: BaseTimestampEntity Implementation', '80'],
      ['Skill area: Domain Event Handling', '80'],
      ['Skill area: Production Troubleshooting', '75'],
      ['Skill area: Performance Optimization', '75'],
    ]);
    for (const name of ['BaseTimestampEntity Implementation', 'Domain Event Handling', 'Production Troubleshooting', 'Performance Optimization']) {
      expect(`${achievement.description} ${achievement.criteria.narrative}`).toContain(name);
    }
    const body = (await (await server.client().get(`/api/certificates/${certId}`)).json()) as { skills: { name: string }[] };
    expect(body.skills.map((s) => s.name)).toEqual(['BaseTimestampEntity Implementation', 'Domain Event Handling', 'Production Troubleshooting', 'Performance Optimization']);
  });

  it('never gives one learner another learner’s PDF or credential', async () => {
    expect((await stranger.get(`/certificates/${certId}.pdf`)).status).toBe(404);
    expect((await stranger.get(`/api/certificates/${certId}/credential`)).status).toBe(404);
    expect((await server.client().get(`/certificates/${certId}.pdf`)).status).toBe(401);
    expect((await instructor.get(`/api/certificates/${certId}/credential`)).status).toBe(404);
  });
});

describe('revocation', () => {
  it('refuses revocation by a learner or an instructor outside the learner’s cohorts', async () => {
    expect((await stranger.post(`/api/certificates/${certId}/revoke`, { reason: 'no reason' })).status).toBe(403);
    expect((await instructor.post(`/api/certificates/${certId}/revoke`, { reason: 'not mine' })).status).toBe(403);
  });

  it('revokes as admin with a reason and publishes it on the page, the JSON and the status list', async () => {
    const made = server.script('scripts/user-create.ts', ['--email', 'root@example.com', '--name', 'Root', '--role', 'admin', '--password', 'admin-pass-12']);
    expect(made.status).toBe(0);
    const admin = server.client();
    await admin.logIn('root@example.com', 'admin-pass-12');
    expect((await admin.post(`/api/certificates/${certId}/revoke`, { reason: 'x' })).status).toBe(400);
    const res = await admin.post(`/api/certificates/${certId}/revoke`, { reason: 'Exam irregularity' });
    expect(res.status).toBe(200);
    const body = (await (await server.client().get(`/api/certificates/${certId}`)).json()) as { status: string; revokedReason: string };
    expect(body).toMatchObject({ status: 'revoked', revokedReason: 'Exam irregularity' });
    expect(await (await server.client().get(`/verify/${certId}`)).text()).toContain('Exam irregularity');

    const jwt = await (await holder.get(`/api/certificates/${certId}/credential`)).text();
    const index = Number((decodeJwt(jwt) as { credentialStatus: { statusListIndex: string } }).credentialStatus.statusListIndex);
    const list = await (await server.client().get('/api/status/revocation')).text();
    const jwks = (await (await server.client().get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    const verified = await verifyVerifiableCredentialJwt(list, jwks);
    expect(verified.valid).toBe(true);
    const encoded = (decodeJwt(list) as { credentialSubject: { encodedList: string } }).credentialSubject.encodedList;
    expect(isRevoked(encoded, index)).toBe(true);
    expect((await admin.post(`/api/certificates/${certId}/revoke`, { reason: 'again please' })).status).toBe(409);
  });
});

describe('re-issue', () => {
  it('re-issues as admin: a new active certificate, the old one revoked as superseded', async () => {
    const original = await issueCertificateFor(server.dataDir, 'eve@example.com');
    const admin = server.client();
    await admin.logIn('root@example.com', 'admin-pass-12');
    expect((await stranger.post(`/api/certificates/${original}/reissue`)).status).toBe(403);
    const res = await admin.post(`/api/certificates/${original}/reissue`);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).not.toBe(original);
    const fresh = (await (await server.client().get(`/api/certificates/${id}`)).json()) as { status: string; holder: string };
    expect(fresh).toMatchObject({ status: 'active', holder: 'Eve' });
    const old = (await (await server.client().get(`/api/certificates/${original}`)).json()) as { status: string; revokedReason: string };
    expect(old.status).toBe('revoked');
    expect(old.revokedReason).toContain(id);
    expect((await admin.post(`/api/certificates/${original}/reissue`)).status).toBe(409);
  });
});

describe('enumeration', () => {
  it('answers unknown ids with a bare 404, then 429 once a client guesses too often', async () => {
    const guesser = server.client();
    const first = await guesser.get('/api/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(first.status).toBe(404);
    let limited = 0;
    for (let i = 0; i < 70; i++) if ((await guesser.get(`/api/certificates/guess${i}xxxxxxxxxxxxxxxx`)).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
    const blocked = await guesser.get(`/api/certificates/${certId}`);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
