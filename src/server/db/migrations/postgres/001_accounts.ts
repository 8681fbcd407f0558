// PostgreSQL twin of ../001_accounts.ts: users, sessions and rate-limit buckets. Times are epoch
// milliseconds in BIGINT (a 4-byte INTEGER holds only 2^31 ms, about 25 days).
// users.email is case-insensitive like SQLite's COLLATE NOCASE (lookups are `WHERE email = ?`), by a
// nondeterministic ICU collation named nocase: equality and the UNIQUE constraint ignore case.
export default `
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE nocase,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'learner' CHECK (role IN ('learner', 'instructor', 'admin')),
  created_at BIGINT NOT NULL,
  last_active_at BIGINT
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE rate_limits (
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (bucket, key)
);
`;
