// The cluster mode's issuer key, on a real PostgreSQL database: created once, sealed, the same for
// every node, refused under another secret.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { loadOrCreateStoredIssuerKey, storeIssuerKey } from '../../../src/server/certificates/issuer-key-store.ts';
import { migratePostgres } from '../../../src/server/db/migrate-postgres.ts';
import { openPostgresStore } from '../../../src/server/db/postgres-store.ts';
import { testPostgres } from '../../helpers/pg-cluster.ts';

const secret = 'a-secret-shared-by-every-web-node-0123456789';
let cluster: Awaited<ReturnType<typeof testPostgres>>;
const opened: { close(): Promise<void> }[] = [];

async function database() {
  const url = await cluster.createDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await migratePostgres(pool);
  await pool.end();
  return url;
}

function node(url: string) {
  const { store } = openPostgresStore(url, { max: 2 });
  opened.push(store);
  return store;
}

beforeAll(async () => {
  cluster = await testPostgres();
}, 60_000);

afterAll(async () => {
  for (const s of opened) await s.close();
  await cluster?.stop();
});

describe('the issuer key kept in the database', () => {
  it('is created once, and two nodes starting together sign with the same key', async () => {
    const url = await database();
    const [a, b] = await Promise.all([loadOrCreateStoredIssuerKey(node(url), secret), loadOrCreateStoredIssuerKey(node(url), secret)]);
    expect(a.kid).toBe(b.kid);
    const later = await loadOrCreateStoredIssuerKey(node(url), secret);
    expect(later.kid).toBe(a.kid);
    expect(later.publicJwk).toEqual(a.publicJwk);
    const rows = await node(url).all<{ kid: string; sealed_jwk: string }>('SELECT kid, sealed_jwk FROM issuer_keys');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed_jwk).not.toMatch(/"d"\s*:/);
  });

  it('keeps a key it was given (an embedded install moving over), and refuses another secret', async () => {
    const url = await database();
    const jwk = await exportJWK((await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })).privateKey);
    const stored = await storeIssuerKey(node(url), jwk, secret);
    expect((await loadOrCreateStoredIssuerKey(node(url), secret)).kid).toBe(stored.kid);
    await expect(loadOrCreateStoredIssuerKey(node(url), `${secret}-other`)).rejects.toThrow(/PRACTICUM_KEY_SECRET/);
    await expect(loadOrCreateStoredIssuerKey(node(url), 'short')).rejects.toThrow(/at least 32/);
  });
});
