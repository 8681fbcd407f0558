// PostgreSQL twin of ../025_session_starts.ts: each cohort session's start as minutes after midnight.
export default `
CREATE TABLE cohort_session_starts (
  cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  session INTEGER NOT NULL CHECK (session >= 1),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (cohort_id, session)
);
`;
