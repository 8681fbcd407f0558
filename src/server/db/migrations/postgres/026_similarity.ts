// PostgreSQL twin of ../026_similarity.ts: similarity pairs per cohort and task, and per-cohort checks.
// user_a < user_b compares with COLLATE "C", the byte order SQLite's BINARY collation uses, so a pair
// the application orders with JavaScript's < (code units; the same for the ASCII ids it makes) passes
// on both whatever the database's default collation is.
export default `
CREATE TABLE similarity_pairs (
  id TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  user_a TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  user_b TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  submission_a TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  submission_b TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  score DOUBLE PRECISION NOT NULL,
  shared INTEGER NOT NULL,
  fragments TEXT NOT NULL,
  computed_at BIGINT NOT NULL,
  reviewed_at BIGINT,
  reviewed_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  review_note TEXT,
  UNIQUE (cohort_id, exercise_id, user_a, user_b),
  CHECK (user_a < user_b COLLATE "C")
);
CREATE INDEX similarity_pairs_cohort ON similarity_pairs(cohort_id, exercise_id, score DESC);
CREATE TABLE similarity_checks (
  cohort_id TEXT PRIMARY KEY REFERENCES cohorts(id) ON DELETE CASCADE,
  across_program INTEGER NOT NULL DEFAULT 0,
  checked_at BIGINT,
  submissions INTEGER NOT NULL DEFAULT 0,
  pairs INTEGER NOT NULL DEFAULT 0,
  duration_ms BIGINT
);
`;
