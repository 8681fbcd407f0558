// When each session of a cohort starts, as a time of day the instructor enters on the facilitator view
// (minutes after midnight, 0–1439, on the session's date from cohorts.session_dates). It is the room's
// wall clock, not an instant: the view adds block durations to it and never converts time zones. A
// session without a row starts at the view's default.
export default `
CREATE TABLE cohort_session_starts (
  cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  session INTEGER NOT NULL CHECK (session >= 1),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (cohort_id, session)
) WITHOUT ROWID;
`;
