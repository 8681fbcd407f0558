// Per-learner summaries kept up to date by triggers, so cohort reports read one row per learner
// (lessons, passed exercises) or per learner and exercise (first try, first pass, tries to pass)
// instead of every progress row and submission. Triggers keep them right for every writer.
export default `
CREATE TABLE learner_lessons (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  lessons TEXT NOT NULL,
  last_at INTEGER,
  PRIMARY KEY (user_id, program)
) WITHOUT ROWID;

CREATE TABLE learner_exercises (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  first_at INTEGER NOT NULL,
  pass_at INTEGER,
  tries_to_pass INTEGER,
  PRIMARY KEY (user_id, exercise_id)
) WITHOUT ROWID;

CREATE TRIGGER learner_lessons_after_insert AFTER INSERT ON lesson_progress BEGIN
  INSERT INTO learner_lessons (user_id, program, lessons, last_at)
    SELECT NEW.user_id, NEW.program, group_concat(lesson, char(31)), MAX(completed_at)
    FROM lesson_progress WHERE user_id = NEW.user_id AND program = NEW.program
  ON CONFLICT (user_id, program) DO UPDATE SET lessons = excluded.lessons, last_at = excluded.last_at;
END;

CREATE TRIGGER learner_lessons_after_update AFTER UPDATE ON lesson_progress BEGIN
  UPDATE learner_lessons SET
    lessons = (SELECT group_concat(lesson, char(31)) FROM lesson_progress WHERE user_id = NEW.user_id AND program = NEW.program),
    last_at = (SELECT MAX(completed_at) FROM lesson_progress WHERE user_id = NEW.user_id AND program = NEW.program)
  WHERE user_id = NEW.user_id AND program = NEW.program;
END;

CREATE TRIGGER learner_lessons_after_delete AFTER DELETE ON lesson_progress BEGIN
  DELETE FROM learner_lessons WHERE user_id = OLD.user_id AND program = OLD.program
    AND NOT EXISTS (SELECT 1 FROM lesson_progress WHERE user_id = OLD.user_id AND program = OLD.program);
  UPDATE learner_lessons SET
    lessons = (SELECT group_concat(lesson, char(31)) FROM lesson_progress WHERE user_id = OLD.user_id AND program = OLD.program),
    last_at = (SELECT MAX(completed_at) FROM lesson_progress WHERE user_id = OLD.user_id AND program = OLD.program)
  WHERE user_id = OLD.user_id AND program = OLD.program;
END;

CREATE TRIGGER learner_exercises_after_grade AFTER UPDATE OF status ON submissions
  WHEN NEW.attempt_id IS NULL AND NEW.status != 'queued' BEGIN
  INSERT INTO learner_exercises (user_id, exercise_id, first_at, pass_at, tries_to_pass)
    SELECT NEW.user_id, NEW.exercise_id, MIN(created_at),
           MIN(CASE WHEN status = 'pass' THEN created_at END), NULL
    FROM submissions WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id AND attempt_id IS NULL AND status != 'queued'
  ON CONFLICT (user_id, exercise_id) DO UPDATE SET first_at = excluded.first_at, pass_at = excluded.pass_at;
  UPDATE learner_exercises SET tries_to_pass = CASE WHEN pass_at IS NULL THEN NULL ELSE (
      SELECT COUNT(*) FROM submissions WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id
        AND attempt_id IS NULL AND status != 'queued' AND created_at <= learner_exercises.pass_at) END
  WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id;
END;

INSERT INTO learner_lessons (user_id, program, lessons, last_at)
  SELECT user_id, program, group_concat(lesson, char(31)), MAX(completed_at) FROM lesson_progress GROUP BY user_id, program;

INSERT INTO learner_exercises (user_id, exercise_id, first_at, pass_at, tries_to_pass)
  SELECT user_id, exercise_id, MIN(created_at), MIN(CASE WHEN status = 'pass' THEN created_at END), NULL
  FROM submissions WHERE attempt_id IS NULL AND status != 'queued' GROUP BY user_id, exercise_id;
UPDATE learner_exercises SET tries_to_pass = (
    SELECT COUNT(*) FROM submissions s WHERE s.user_id = learner_exercises.user_id AND s.exercise_id = learner_exercises.exercise_id
      AND s.attempt_id IS NULL AND s.status != 'queued' AND s.created_at <= learner_exercises.pass_at)
  WHERE pass_at IS NOT NULL;
`;
