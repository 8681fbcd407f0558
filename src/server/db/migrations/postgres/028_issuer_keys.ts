// PostgreSQL twin of ../028_issuer_keys.ts: the cluster mode's sealed issuer key.
export default `
CREATE TABLE issuer_keys (
  slot TEXT PRIMARY KEY CHECK (slot = 'current'),
  kid TEXT NOT NULL UNIQUE,
  sealed_jwk TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
`;
