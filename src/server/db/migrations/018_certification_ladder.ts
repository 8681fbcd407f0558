// The certification ladder: levels with their own assessments, renewals, case studies, cohort waivers
// and practice exams.
// - attempts.target_level: the level an attempt is for; attempts.purpose: earning it ("certify") or
//   renewing it ("renew"); attempts.kind: a timed exam, or the scored record an instructor's sign-off
//   of a case study writes (certificates point at an attempt). target_level NULL is an attempt from
//   before the ladder, for the program's first level (db/attempts.ts reads it so).
// - Clean Timestamp's one certification became the ladder's first level, "associate". Its old levels
//   map there: "developer" → "associate", "distinction" → "associate" with the certificate's new
//   distinction mark set, on attempts, their report projection (attempt_results) and certificates.
//   A certificate keeps the expiry it was issued with (24 months), although a new Associate
//   certificate is valid for 12: nothing already issued becomes invalid or expires sooner.
// - case_studies: a candidate's uploaded design and code (files stored once per distinct content in
//   submission_files, like submissions) and its state; case_study_reviews: every review decision with
//   the rubric points, by whom and when.
// - cohort_waivers: levels whose holding period a cohort's instructor waived (changes are audited in
//   audit_log).
// - practice_papers: practice exams, apart from attempts so they are never counted or credited.
export default `
ALTER TABLE attempts ADD COLUMN target_level TEXT;
ALTER TABLE attempts ADD COLUMN purpose TEXT NOT NULL DEFAULT 'certify' CHECK (purpose IN ('certify', 'renew'));
ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'exam' CHECK (kind IN ('exam', 'case-study'));
UPDATE attempts SET target_level = 'associate' WHERE program = 'clean-timestamp';
UPDATE attempts SET level = 'associate' WHERE program = 'clean-timestamp' AND level IN ('developer', 'distinction');
UPDATE attempt_results SET level = 'associate' WHERE program = 'clean-timestamp' AND level IN ('developer', 'distinction');

ALTER TABLE certificates ADD COLUMN distinction INTEGER NOT NULL DEFAULT 0;
UPDATE certificates SET distinction = 1 WHERE program = 'clean-timestamp' AND level = 'distinction';
UPDATE certificates SET level = 'associate' WHERE program = 'clean-timestamp' AND level IN ('developer', 'distinction');

CREATE TABLE case_studies (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  level TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('certify', 'renew')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'signed-off')),
  files_hash TEXT REFERENCES submission_files(hash),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  submitted_at INTEGER,
  attempt_id TEXT REFERENCES attempts(id)
);
CREATE INDEX case_studies_user ON case_studies(user_id, program, level);
CREATE INDEX case_studies_status ON case_studies(program, status, submitted_at);
CREATE INDEX case_studies_files ON case_studies(files_hash);

CREATE TABLE case_study_reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_study_id TEXT NOT NULL REFERENCES case_studies(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES users(id),
  decision TEXT NOT NULL CHECK (decision IN ('sign-off', 'return')),
  points TEXT NOT NULL,
  comment TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX case_study_reviews_case ON case_study_reviews(case_study_id, at);

CREATE TABLE cohort_waivers (
  cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  level TEXT NOT NULL,
  waived_by TEXT NOT NULL REFERENCES users(id),
  waived_at INTEGER NOT NULL,
  PRIMARY KEY (cohort_id, level)
) WITHOUT ROWID;

CREATE TABLE practice_papers (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  level TEXT NOT NULL,
  paper TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  submitted_at INTEGER,
  score REAL,
  marks TEXT
);
CREATE INDEX practice_papers_user ON practice_papers(user_id, program, level, created_at);
`;
