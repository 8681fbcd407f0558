// Issued certificates, their revocation state and the index each holds in the status list.
export default `
CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  attempt_id TEXT NOT NULL REFERENCES attempts(id),
  program TEXT NOT NULL,
  level TEXT NOT NULL,
  learner_name TEXT NOT NULL,
  learner_email TEXT NOT NULL,
  score REAL NOT NULL,
  breakdown TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER,
  status_index INTEGER NOT NULL UNIQUE,
  revoked_at INTEGER,
  revoked_reason TEXT,
  revoked_by TEXT REFERENCES users(id),
  pdf_path TEXT
);
CREATE INDEX certificates_user ON certificates(user_id, program);
CREATE INDEX certificates_attempt ON certificates(attempt_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  actor_id TEXT REFERENCES users(id),
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT,
  at INTEGER NOT NULL
);
`;
