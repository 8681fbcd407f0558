// Homework reviews and the end-of-program feedback form.
// - homework_reviews: an instructor's (or admin's) review of one homework submission (a row of
//   submissions): the verdict, "accepted" or "needs-work" (another pass), and the feedback the learner
//   reads on the exercise page; every review is kept, newest last. cohort_id says in which cohort it
//   was written (the reviewer's view); reviewer_id is cleared if that account row ever goes.
// - program_feedback: one form per learner and program (the training plan's program feedback): the
//   1–5 ratings and the open answers, each as JSON keyed by the question ids of program.json's
//   "programFeedback", changeable later (updated_at).
export default `
CREATE TABLE homework_reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  cohort_id TEXT REFERENCES cohorts(id) ON DELETE SET NULL,
  reviewer_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'needs-work')),
  feedback TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX homework_reviews_submission ON homework_reviews(submission_id, created_at);
CREATE INDEX homework_reviews_cohort ON homework_reviews(cohort_id, created_at);

CREATE TABLE program_feedback (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  ratings TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, program)
);
CREATE INDEX program_feedback_program ON program_feedback(program, updated_at);
`;
