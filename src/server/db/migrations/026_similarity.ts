// The similarity check (issue 20): per cohort and certification task, the pairs of final submissions
// whose fingerprints overlap at or above the threshold, with their matched fragments and the
// instructor's review; and per cohort, when it was last checked and whether other cohorts of the same
// program were included. Pairs are stored with user_a < user_b, so a pair has one row per cohort and task.
export default `
CREATE TABLE similarity_pairs (
  id TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  user_a TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  user_b TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  submission_a TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  submission_b TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  score REAL NOT NULL,
  shared INTEGER NOT NULL,
  fragments TEXT NOT NULL,
  computed_at INTEGER NOT NULL,
  reviewed_at INTEGER,
  reviewed_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  review_note TEXT,
  UNIQUE (cohort_id, exercise_id, user_a, user_b),
  CHECK (user_a < user_b)
);
CREATE INDEX similarity_pairs_cohort ON similarity_pairs(cohort_id, exercise_id, score DESC);
CREATE TABLE similarity_checks (
  cohort_id TEXT PRIMARY KEY REFERENCES cohorts(id) ON DELETE CASCADE,
  across_program INTEGER NOT NULL DEFAULT 0,
  checked_at INTEGER,
  submissions INTEGER NOT NULL DEFAULT 0,
  pairs INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER
) WITHOUT ROWID;
`;
