// The issuer key in cluster mode: kept in the database (table issuer_keys, one row per slot, today
// only 'current'), its private half sealed with PRACTICUM_KEY_SECRET (key-seal.ts), so every web
// node signs with the same key and none keeps it on disk. The first node to start creates it; a node
// starting at the same moment loses the insert and reads the winner's key. The embedded mode keeps
// its key as a file in DATA_DIR (keys.ts).
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Store } from '../db/store.ts';
import { ISSUER_KEY_ALG, fromPrivateJwk, type IssuerKey } from './keys.ts';
import { sealText, unsealText } from './key-seal.ts';

const SLOT = 'current';

interface Row {
  kid: string;
  sealed_jwk: string;
}

async function opened(row: Row, secret: string): Promise<IssuerKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(unsealText(row.sealed_jwk, secret, row.kid)) as JWK;
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error('the issuer key stored in the database is not a JSON Web Key');
    throw error;
  }
  const key = await fromPrivateJwk(jwk);
  if (key.kid !== row.kid) throw new Error(`the issuer key stored in the database has thumbprint ${key.kid}, but its row says ${row.kid}`);
  return key;
}

/** Stores `jwk` (an RSA private JWK) as the current issuer key unless one is there; returns the key in force. */
export async function storeIssuerKey(store: Store, jwk: JWK, secret: string, now = Date.now()): Promise<IssuerKey> {
  const key = await fromPrivateJwk(jwk);
  await store.run(
    'INSERT INTO issuer_keys (slot, kid, sealed_jwk, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (slot) DO NOTHING',
    SLOT,
    key.kid,
    sealText(JSON.stringify(jwk), secret, key.kid),
    now,
  );
  const row = await store.get<Row>('SELECT kid, sealed_jwk FROM issuer_keys WHERE slot = ?', SLOT);
  if (!row) throw new Error('the issuer key row vanished right after it was written');
  return row.kid === key.kid ? key : opened(row, secret);
}

/** The current issuer key from the database, created (and sealed) on first use. */
export async function loadOrCreateStoredIssuerKey(store: Store, secret: string): Promise<IssuerKey> {
  const row = await store.get<Row>('SELECT kid, sealed_jwk FROM issuer_keys WHERE slot = ?', SLOT);
  if (row) return opened(row, secret);
  const pair = await generateKeyPair(ISSUER_KEY_ALG, { modulusLength: 2048, extractable: true });
  return storeIssuerKey(store, await exportJWK(pair.privateKey), secret);
}
