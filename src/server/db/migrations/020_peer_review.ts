// Peer review: work put up for review, who reviews it, their rubric scores, comments anchored to lines,
// and the instructor's rating of each review.
// - peer_review_works: one piece of work under review, a snapshot of its files (files_hash, stored once
//   per content in submission_files): a learner's final project (kind 'exercise': the passing
//   submission it came from and the cohort whose peers review it; one per learner, exercise and
//   cohort), or one round of a case study sent for review (kind 'case-study': a new row each time).
// - peer_review_assignments: a reviewer of a work ('peer', or 'instructor' standing in when the cohort
//   has too few peers), the review's state (assigned → draft → submitted), its rubric points (JSON,
//   criterion id → points) and overall comment, when it was due and submitted, and the instructor's
//   helpfulness rating (1–3). Only 'assigned' rows (nothing written yet) are ever moved to another reviewer.
// - peer_review_comments: a reviewer's comments, each anchored to a file of the work and a line of it.
export default `
CREATE TABLE peer_review_works (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('exercise', 'case-study')),
  author_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  cohort_id TEXT REFERENCES cohorts(id) ON DELETE CASCADE,
  exercise_id TEXT,
  submission_id TEXT REFERENCES submissions(id) ON DELETE CASCADE,
  case_study_id TEXT REFERENCES case_studies(id) ON DELETE CASCADE,
  files_hash TEXT NOT NULL REFERENCES submission_files(hash),
  created_at INTEGER NOT NULL,
  CHECK ((kind = 'exercise') = (cohort_id IS NOT NULL AND exercise_id IS NOT NULL AND submission_id IS NOT NULL)),
  CHECK ((kind = 'case-study') = (case_study_id IS NOT NULL))
);
CREATE UNIQUE INDEX peer_review_works_exercise ON peer_review_works(cohort_id, exercise_id, author_id) WHERE kind = 'exercise';
CREATE INDEX peer_review_works_pool ON peer_review_works(cohort_id, exercise_id, created_at);
CREATE INDEX peer_review_works_case_study ON peer_review_works(case_study_id, created_at);
CREATE INDEX peer_review_works_files ON peer_review_works(files_hash);

CREATE TABLE peer_review_assignments (
  id TEXT PRIMARY KEY,
  work_id TEXT NOT NULL REFERENCES peer_review_works(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('peer', 'instructor')),
  status TEXT NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'draft', 'submitted')),
  points TEXT NOT NULL DEFAULT '{}',
  comment TEXT NOT NULL DEFAULT '',
  assigned_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  submitted_at INTEGER,
  helpfulness INTEGER CHECK (helpfulness BETWEEN 1 AND 3),
  rated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  rated_at INTEGER,
  UNIQUE (work_id, reviewer_id)
);
CREATE INDEX peer_review_assignments_reviewer ON peer_review_assignments(reviewer_id, status);

CREATE TABLE peer_review_comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  assignment_id TEXT NOT NULL REFERENCES peer_review_assignments(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  line INTEGER NOT NULL CHECK (line >= 1),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX peer_review_comments_assignment ON peer_review_comments(assignment_id, file, line);
`;
