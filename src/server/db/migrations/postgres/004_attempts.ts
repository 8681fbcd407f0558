// PostgreSQL twin of ../004_attempts.ts: certification attempts and their drawn questions.
export default `
CREATE TABLE attempts (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  paper TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',
  flags TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('open', 'submitted')),
  started_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  submitted_at BIGINT,
  score DOUBLE PRECISION,
  passed INTEGER,
  level TEXT,
  breakdown TEXT
);
CREATE INDEX attempts_user_program ON attempts(user_id, program, started_at);
CREATE TABLE attempt_questions (
  attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  mark DOUBLE PRECISION,
  PRIMARY KEY (attempt_id, question_id)
);
CREATE INDEX attempt_questions_question ON attempt_questions(question_id);
`;
