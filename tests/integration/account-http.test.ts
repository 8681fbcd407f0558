// "Your data" over real HTTP against the built server: the zip export (owner only, streamed, limited
// per hour), the public verification's sharing facets (CORS on the JSON, Open Graph and Twitter tags,
// LinkedIn links), and account deletion (Origin check, wrong password, the limit on tries, the
// signed-out result, the certificate PDF removed from disk, what verifiers see afterwards).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { issueCertificateFor } from '../helpers/db.ts';
import { readZip } from '../helpers/zip-read.ts';
import { DELETE_RULE } from '../../src/server/account/delete-account.ts';
import { EXPORT_RULE } from '../../src/server/account/export-limits.ts';

const PASSWORD = 'correct-horse-battery';
let server: RunningServer;

beforeAll(async () => {
  // Many learners sign up from this one address.
  server = await startServer({ AUTH_SIGNUP_LIMIT: '50' });
});
afterAll(() => server?.stop());

function postForm(client: HttpClient, path: string, fields: Record<string, string>, origin?: string | null): Promise<Response> {
  return client.request('POST', path, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...(origin === undefined ? {} : { origin }) });
}

async function learner(email: string, name: string): Promise<HttpClient> {
  const client = server.client();
  await client.signUp(email, name, PASSWORD);
  return client;
}

async function saveDraft(client: HttpClient, content: string): Promise<void> {
  const res = await client.put('/api/exercises/s1-project-entity/draft', { files: { 'src/project.ts': content } });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

describe('data export', () => {
  it('is for the signed-in owner only: signed out it asks to sign in', async () => {
    const res = await server.client().get('/me/export.zip');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('streams the owner’s own data as a zip, with nothing of anyone else', async () => {
    const ann = await learner('ann@example.com', 'Ann Owner');
    const ben = await learner('ben@example.com', 'Ben Other');
    await saveDraft(ann, '// ANN-DRAFT\n');
    await saveDraft(ben, '// BEN-DRAFT\n');
    const res = await ann.get('/me/export.zip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="practicum-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    // Streamed: no length known up front.
    expect(res.headers.get('content-length')).toBeNull();
    const entries = await readZip(Buffer.from(await res.arrayBuffer()));
    expect(entries.get('drafts/s1-project-entity/src/project.ts')?.toString()).toBe('// ANN-DRAFT\n');
    expect(JSON.parse(entries.get('profile.json')?.toString() ?? '{}')).toMatchObject({ name: 'Ann Owner', email: 'ann@example.com' });
    expect(entries.get('README.txt')?.toString()).toContain('drafts/ (1)');
    for (const [name, bytes] of entries) expect(bytes.toString(), name).not.toMatch(/BEN-DRAFT|Ben Other|ben@example\.com/);
  });

  it(`allows ${EXPORT_RULE.limit} exports an hour per account, then 429 with Retry-After`, async () => {
    const cam = await learner('cam@example.com', 'Cam');
    for (let i = 0; i < EXPORT_RULE.limit; i += 1) {
      const res = await cam.get('/me/export.zip');
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    const refused = await cam.get('/me/export.zip');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error.message).toMatch(/times an hour/);
    // Another account has its own allowance.
    expect((await (await learner('dan@example.com', 'Dan')).get('/me/export.zip')).status).toBe(200);
  });
});

describe('sharing a certificate', () => {
  let certId: string;
  beforeAll(async () => {
    await learner('zoe@example.com', 'Zoë Sharer');
    certId = await issueCertificateFor(server.dataDir, 'zoe@example.com', { issuedAt: Date.UTC(2026, 2, 14), expiresAt: Date.UTC(2027, 2, 14) });
  });

  it('lets any site read the verification JSON, which names the issuer and links the signed credential', async () => {
    const res = await server.client().request('GET', `/api/certificates/${certId}`, { origin: 'https://employer.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = await res.json();
    expect(body).toMatchObject({
      holder: 'Zoë Sharer',
      issuer: { id: `${server.origin}/issuer`, name: 'Practicum' },
      credential: { url: `${server.origin}/api/certificates/${certId}/credential`, mediaType: 'application/vc+jwt' },
    });
    const missing = await server.client().get('/api/certificates/no-such-certificate-id');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives the verification page Open Graph and Twitter card tags naming holder, level and issuer with the badge image', async () => {
    const html = await (await server.client().get(`/verify/${certId}`)).text();
    const meta = (key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
    expect(meta('og:title')).toContain('Zoë Sharer');
    expect(meta('og:description')).toMatch(/Zoë Sharer earned .+ in Clean Timestamp System Mastery, issued by Practicum on 14 Mar 2026\./);
    expect(meta('twitter:card')).toMatch(/^summary/);
    const image = meta('og:image') ?? '';
    expect(image.startsWith(`${server.origin}/verify/${certId}/`)).toBe(true);
    const fetched = await server.client().get(image.slice(server.origin.length));
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toContain(meta('og:image:type') ?? '?');
  });

  it('offers "Add to LinkedIn profile" on /me with the certificate’s facts', async () => {
    const zoe = server.client();
    await zoe.logIn('zoe@example.com', PASSWORD);
    const html = await (await zoe.get('/me')).text();
    const href = /<a[^>]*href="([^"]*)"[^>]*data-testid="certificate-linkedin"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const url = new URL(href);
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      startTask: 'CERTIFICATION_NAME',
      organizationName: 'Practicum',
      issueYear: '2026',
      issueMonth: '3',
      expirationYear: '2027',
      expirationMonth: '3',
      certUrl: `${server.origin}/verify/${certId}`,
      certId,
    });
    expect(url.searchParams.get('name')).toMatch(/^Clean Timestamp System Mastery — /);
  });
});

describe('account deletion', () => {
  it('refuses a post without this site’s Origin (cross-site request forgery)', async () => {
    const eve = await learner('eve@example.com', 'Eve');
    for (const origin of [null, 'https://evil.example']) {
      const res = await postForm(eve, '/me/account', { confirm: 'yes', password: PASSWORD }, origin);
      expect(res.status).toBe(403);
    }
    expect((await eve.get('/me')).status).toBe(200);
  });

  it('refuses a wrong password with a clear message, then limits the tries', async () => {
    const fay = await learner('fay@example.com', 'Fay');
    const wrong = await postForm(fay, '/me/account', { confirm: 'yes', password: 'not-the-password' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('That is not your password. Your account was not deleted.');
    for (let i = 1; i < DELETE_RULE.limit; i += 1) expect((await postForm(fay, '/me/account', { confirm: 'yes', password: `wrong-${i}` })).status).toBe(403);
    const limited = await postForm(fay, '/me/account', { confirm: 'yes', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many password attempts. Your account was not deleted');
    expect((await fay.get('/me')).status).toBe(200);
  });

  it('deletes the account: signed out, cannot sign in, no PDF kept anywhere, the certificate verifies naming no one', async () => {
    const gil = await learner('gil@example.com', 'Gil Leaving');
    const certId = await issueCertificateFor(server.dataDir, 'gil@example.com');
    expect((await gil.get(`/certificates/${certId}.pdf`)).status).toBe(200);
    // the PDF is rendered from the record on each node, never written to the server's disk
    const pdfPath = join(server.dataDir, 'certificates', `${certId}.pdf`);
    expect(existsSync(pdfPath)).toBe(false);

    const asked = await postForm(gil, '/me/account', { confirm: 'yes', password: PASSWORD });
    expect(asked.status).toBe(400);
    expect(await asked.text()).toContain('Choose what happens to your 1 certificate');

    const done = await postForm(gil, '/me/account', { certificates: 'keep-public', confirm: 'yes', password: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/account-deleted?certificates=keep-public');
    expect((await gil.get('/me')).status).toBe(302);
    const again = await server.client().post('/api/auth/login', { email: 'gil@example.com', password: PASSWORD });
    expect(again.status).toBe(401);

    const body = await (await server.client().get(`/api/certificates/${certId}`)).json();
    expect(body).toMatchObject({ status: 'active', holder: null, holderDeleted: true });
    const page = await (await server.client().get(`/verify/${certId}`)).text();
    expect(page).toContain('issued to a deleted account');
    expect(page).not.toContain('Gil Leaving');

    const db = await server.openStore();
    try {
      expect(await db.get("SELECT COUNT(*) AS n FROM users WHERE email = 'gil@example.com' OR name = 'Gil Leaving'")).toEqual({ n: 0 });
    } finally {
      await db.close();
    }
    // The address is free again: a new account can be made with it.
    await server.client().signUp('gil@example.com', 'Gil Again', PASSWORD);
  });

  it('withdraws the certificates when chosen: the status list and the page say so', async () => {
    const hal = await learner('hal@example.com', 'Hal');
    const certId = await issueCertificateFor(server.dataDir, 'hal@example.com');
    const done = await postForm(hal, '/me/account', { certificates: 'withdraw', confirm: 'yes', password: PASSWORD });
    expect(done.headers.get('location')).toBe('/account-deleted?certificates=withdraw');
    expect(await (await server.client().get(`/api/certificates/${certId}`)).json()).toMatchObject({ status: 'revoked', withdrawn: true, holder: null });
    const page = await (await server.client().get(`/verify/${certId}`)).text();
    expect(page).toContain('withdrawn at the holder’s request');
    const landing = await (await server.client().get('/account-deleted?certificates=withdraw')).text();
    expect(landing).toContain('Your certificates were withdrawn');
  });
});
