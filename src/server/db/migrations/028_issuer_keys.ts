// Where the cluster mode (DATABASE_URL) keeps the issuer's signing key: one row per slot (today only
// 'current'), the private JWK sealed with PRACTICUM_KEY_SECRET (certificates/key-seal.ts), so every
// web node signs with the same key and none keeps it on disk. The embedded mode keeps its key as a
// file in DATA_DIR and leaves this table empty; db:export-to-postgres moves that file's key here.
export default `
CREATE TABLE issuer_keys (
  slot TEXT PRIMARY KEY CHECK (slot = 'current'),
  kid TEXT NOT NULL UNIQUE,
  sealed_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;
