// When each learner started each practice exercise, so "time to pass" measures the work and not the
// gap between a first submission and a first pass (0 for everyone who passes on the first try):
// the first time a draft of the exercise reached the server. Kept by a trigger on drafts (a draft is
// inserted once and then updated, so the insert is the first save; after "reset" deletes it, the
// earlier start is kept). Drafts inside a certification attempt ("<exercise>@<attempt>") are not
// practice and are left out. Reports read the start from learner_exercises.started_at (copied when
// the learner's row for the exercise is created at their first graded submission, so a 10,000-learner
// report needs no join); a draft saved after that is later than the first submission and changes
// nothing. Existing drafts give their last save as a start: reports take the earlier of the start and
// the first submission.
export default `
CREATE TABLE exercise_starts (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, exercise_id)
) WITHOUT ROWID;

CREATE TRIGGER exercise_starts_after_draft AFTER INSERT ON drafts
  WHEN instr(NEW.exercise_id, '@') = 0 BEGIN
  INSERT OR IGNORE INTO exercise_starts (user_id, exercise_id, started_at) VALUES (NEW.user_id, NEW.exercise_id, NEW.updated_at);
END;

INSERT OR IGNORE INTO exercise_starts (user_id, exercise_id, started_at)
  SELECT user_id, exercise_id, updated_at FROM drafts WHERE instr(exercise_id, '@') = 0;

ALTER TABLE learner_exercises ADD COLUMN started_at INTEGER;

CREATE TRIGGER learner_exercises_started AFTER INSERT ON learner_exercises BEGIN
  UPDATE learner_exercises SET started_at = (
      SELECT s.started_at FROM exercise_starts s WHERE s.user_id = NEW.user_id AND s.exercise_id = NEW.exercise_id)
    WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id;
END;

UPDATE learner_exercises SET started_at = (
    SELECT s.started_at FROM exercise_starts s WHERE s.user_id = learner_exercises.user_id AND s.exercise_id = learner_exercises.exercise_id);
`;
