// Certification attempts: the fixed paper, autosaved answers, server-side clock and scored breakdown.
export default `
CREATE TABLE attempts (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  paper TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',
  flags TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('open', 'submitted')),
  started_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  submitted_at INTEGER,
  score REAL,
  passed INTEGER,
  level TEXT,
  breakdown TEXT
);
CREATE INDEX attempts_user_program ON attempts(user_id, program, started_at);
CREATE TABLE attempt_questions (
  attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  mark REAL,
  PRIMARY KEY (attempt_id, question_id)
);
CREATE INDEX attempt_questions_question ON attempt_questions(question_id);
`;
