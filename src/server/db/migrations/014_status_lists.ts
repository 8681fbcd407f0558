// Several revocation status lists, so issuing never stops when one fills: a certificate's bit is
// (status_list, status_index), unique per list, and each list keeps the size it was created with.
// Existing certificates all belong to list 1 (131,072 entries, served at /api/status/revocation as
// before), so every credential already issued keeps pointing at the right bit; on a database without
// certificates the first list is created on first issue, with the configured size. SQLite cannot drop the
// column-level UNIQUE on status_index, so the table is rebuilt (same columns plus status_list).
export default `
CREATE TABLE status_lists (
  id INTEGER PRIMARY KEY,
  size INTEGER NOT NULL CHECK (size > 0 AND size % 8 = 0),
  created_at INTEGER NOT NULL
);
INSERT INTO status_lists (id, size, created_at)
  SELECT 1, 131072, CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE EXISTS (SELECT 1 FROM certificates);
CREATE TABLE certificates_new (
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
  status_list INTEGER NOT NULL REFERENCES status_lists(id),
  status_index INTEGER NOT NULL,
  revoked_at INTEGER,
  revoked_reason TEXT,
  revoked_by TEXT REFERENCES users(id),
  pdf_path TEXT,
  UNIQUE (status_list, status_index)
);
INSERT INTO certificates_new (id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, expires_at, status_list, status_index, revoked_at, revoked_reason, revoked_by, pdf_path)
  SELECT id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, expires_at, 1, status_index, revoked_at, revoked_reason, revoked_by, pdf_path FROM certificates;
DROP TABLE certificates;
ALTER TABLE certificates_new RENAME TO certificates;
CREATE INDEX certificates_user ON certificates(user_id, program);
CREATE INDEX certificates_attempt ON certificates(attempt_id);
CREATE INDEX certificates_revoked ON certificates(status_list) WHERE revoked_at IS NOT NULL;
`;
