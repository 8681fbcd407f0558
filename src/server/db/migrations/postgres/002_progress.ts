// PostgreSQL twin of ../002_progress.ts: lesson completion, check answers, drafts, solution views.
export default `
CREATE TABLE lesson_progress (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  lesson TEXT NOT NULL,
  completed_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, program, lesson)
);
CREATE TABLE check_answers (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  lesson TEXT NOT NULL,
  check_id TEXT NOT NULL,
  correct INTEGER NOT NULL,
  answered_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, program, lesson, check_id)
);
CREATE TABLE drafts (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  files TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, exercise_id)
);
CREATE TABLE solution_views (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  viewed_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, exercise_id)
);
`;
