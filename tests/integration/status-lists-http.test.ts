// Issuing never stops when a revocation status list fills: the next certificate starts a new list,
// published at its own address and named in its credential; revoking a certificate flips its bit in
// its own list only. Re-issue and revocation are limited per staff member per hour. Real server with
// tiny lists (STATUS_LIST_SIZE=16) and a low change limit.
import { decodeJwt, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRevoked } from '../../src/server/certificates/status-list.ts';
import { verifyVerifiableCredentialJwt } from '../../src/server/certificates/vc-jwt.ts';
import { issueCertificateFor } from '../helpers/db.ts';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const LIST_SIZE = 16;
const CHANGES_PER_HOUR = 40;
let server: RunningServer;
let admin: HttpClient;
let holder: HttpClient;

interface CredentialStatus {
  statusListIndex: string;
  statusListCredential: string;
}

async function statusOf(id: string): Promise<CredentialStatus> {
  const jwt = await (await holder.get(`/api/certificates/${id}/credential`)).text();
  return (decodeJwt(jwt) as { credentialStatus: CredentialStatus }).credentialStatus;
}

beforeAll(async () => {
  server = await startServer({ STATUS_LIST_SIZE: String(LIST_SIZE), CERTIFICATE_CHANGES_PER_HOUR: String(CHANGES_PER_HOUR) });
  expect(server.script('scripts/user-create.ts', ['--email', 'lists-admin@example.com', '--name', 'Admin', '--role', 'admin', '--password', 'admin-pass-12']).status).toBe(0);
  admin = server.client();
  await admin.logIn('lists-admin@example.com', 'admin-pass-12');
  holder = server.client();
  await holder.signUp('holder@example.com', 'Holder');
}, 120_000);
afterAll(() => server?.stop());

describe('status lists', () => {
  it('starts a new list when one is full, and each revocation shows in its own list', { timeout: 120_000 }, async () => {
    let current = await issueCertificateFor(server.dataDir, 'holder@example.com', { statusListSize: LIST_SIZE });
    const issued = [current];
    // Each re-issue takes a fresh bit and revokes the old certificate: 34 certificates span 3 lists.
    for (let i = 0; i < 33; i++) {
      const res = await admin.post(`/api/certificates/${current}/reissue`);
      expect(res.status, await res.clone().text()).toBe(201);
      current = ((await res.json()) as { id: string }).id;
      issued.push(current);
    }
    const statuses = await Promise.all(issued.map(statusOf));
    const lists = new Map<string, Set<string>>();
    for (const s of statuses) {
      const bits = lists.get(s.statusListCredential) ?? new Set<string>();
      expect(bits.has(s.statusListIndex), `bit ${s.statusListIndex} of ${s.statusListCredential} used twice`).toBe(false);
      bits.add(s.statusListIndex);
      lists.set(s.statusListCredential, bits);
    }
    expect([...lists.keys()]).toEqual([
      `${server.origin}/api/status/revocation`,
      `${server.origin}/api/status/revocation/2`,
      `${server.origin}/api/status/revocation/3`,
    ]);
    expect([...lists.values()].map((bits) => bits.size)).toEqual([16, 16, 2]);
    for (const s of statuses) expect(Number(s.statusListIndex)).toBeLessThan(LIST_SIZE);

    // Every list is published, signed and verifiable; every superseded certificate's bit is set in its
    // own list, and the active one's is not.
    const jwks = (await (await server.client().get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    const published = new Map<string, string>();
    for (const url of lists.keys()) {
      const res = await server.client().get(new URL(url).pathname);
      expect(res.status).toBe(200);
      const jwt = await res.text();
      expect((await verifyVerifiableCredentialJwt(jwt, jwks)).valid).toBe(true);
      const credential = decodeJwt(jwt) as { id: string; credentialSubject: { encodedList: string } };
      expect(credential.id).toBe(url);
      published.set(url, credential.credentialSubject.encodedList);
    }
    statuses.forEach((s, i) => {
      const revoked = isRevoked(published.get(s.statusListCredential) ?? '', Number(s.statusListIndex));
      expect(revoked, `certificate ${i}`).toBe(i < statuses.length - 1);
    });
    expect((await server.client().get('/api/status/revocation/4')).status).toBe(404);
    expect((await server.client().get('/api/status/revocation/0')).status).toBe(404);
  });

  it('limits how many certificates one staff member revokes or re-issues per hour', async () => {
    // 33 changes were used above; the limit is 40 an hour
    let current = await issueCertificateFor(server.dataDir, 'holder@example.com', { statusListSize: LIST_SIZE });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await admin.post(`/api/certificates/${current}/reissue`);
      statuses.push(res.status);
      if (res.status === 201) current = ((await res.json()) as { id: string }).id;
      else {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/this hour/);
      }
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(CHANGES_PER_HOUR - 33);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - (CHANGES_PER_HOUR - 33));
    const revoke = await admin.post(`/api/certificates/${current}/revoke`, { reason: 'Testing the limit' });
    expect(revoke.status).toBe(429);
    // the certificate is untouched by the refused change
    expect(((await (await server.client().get(`/api/certificates/${current}`)).json()) as { status: string }).status).toBe('active');
  });
});
