// PostgreSQL twin of ../003_submissions.ts: every graded submission, stored before grading starts.
export default `
CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  attempt_id TEXT,
  files TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'pass', 'fail', 'error')),
  score DOUBLE PRECISION,
  result TEXT,
  failed_tests TEXT NOT NULL DEFAULT '[]',
  duration_ms BIGINT,
  created_at BIGINT NOT NULL,
  graded_at BIGINT
);
CREATE INDEX submissions_user_exercise ON submissions(user_id, exercise_id, created_at);
CREATE INDEX submissions_exercise_status ON submissions(exercise_id, status);
CREATE INDEX submissions_attempt ON submissions(attempt_id) WHERE attempt_id IS NOT NULL;
`;
