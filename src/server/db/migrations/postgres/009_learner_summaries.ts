// PostgreSQL twin of ../009_learner_summaries.ts: per-learner summaries kept by triggers, as on SQLite.
// Each SQLite trigger body becomes a PL/pgSQL row-trigger function with the same statements; WHEN
// conditions stay on the trigger. Lists joined with char(31) are aggregated in the order SQLite
// produces them (the primary key's, byte order: COLLATE "C"), so both databases store the same text.
// SQLite has one writer at a time; PostgreSQL does not, and a summary recomputed from a snapshot taken
// before another transaction's grade committed would leave that grade out. Each trigger therefore first
// takes a transaction lock on the learner (advisory, keyed by table and user id), so writes for one
// learner's summaries run one after another and each recomputation sees the one before it.
export default `
CREATE TABLE learner_lessons (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  lessons TEXT NOT NULL,
  last_at BIGINT,
  PRIMARY KEY (user_id, program)
);

CREATE TABLE learner_exercises (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  first_at BIGINT NOT NULL,
  pass_at BIGINT,
  tries_to_pass INTEGER,
  PRIMARY KEY (user_id, exercise_id)
);

CREATE FUNCTION learner_lessons_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('learner_lessons'), hashtext(NEW.user_id));
  INSERT INTO learner_lessons (user_id, program, lessons, last_at)
    SELECT NEW.user_id, NEW.program, string_agg(lesson, chr(31) ORDER BY lesson COLLATE "C"), MAX(completed_at)
    FROM lesson_progress WHERE user_id = NEW.user_id AND program = NEW.program
  ON CONFLICT (user_id, program) DO UPDATE SET lessons = excluded.lessons, last_at = excluded.last_at;
  RETURN NULL;
END $$;
CREATE TRIGGER learner_lessons_after_insert AFTER INSERT ON lesson_progress
  FOR EACH ROW EXECUTE FUNCTION learner_lessons_after_insert();

CREATE FUNCTION learner_lessons_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('learner_lessons'), hashtext(NEW.user_id));
  UPDATE learner_lessons SET
    lessons = (SELECT string_agg(lesson, chr(31) ORDER BY lesson COLLATE "C") FROM lesson_progress WHERE user_id = NEW.user_id AND program = NEW.program),
    last_at = (SELECT MAX(completed_at) FROM lesson_progress WHERE user_id = NEW.user_id AND program = NEW.program)
  WHERE user_id = NEW.user_id AND program = NEW.program;
  RETURN NULL;
END $$;
CREATE TRIGGER learner_lessons_after_update AFTER UPDATE ON lesson_progress
  FOR EACH ROW EXECUTE FUNCTION learner_lessons_after_update();

CREATE FUNCTION learner_lessons_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('learner_lessons'), hashtext(OLD.user_id));
  DELETE FROM learner_lessons WHERE user_id = OLD.user_id AND program = OLD.program
    AND NOT EXISTS (SELECT 1 FROM lesson_progress WHERE user_id = OLD.user_id AND program = OLD.program);
  UPDATE learner_lessons SET
    lessons = (SELECT string_agg(lesson, chr(31) ORDER BY lesson COLLATE "C") FROM lesson_progress WHERE user_id = OLD.user_id AND program = OLD.program),
    last_at = (SELECT MAX(completed_at) FROM lesson_progress WHERE user_id = OLD.user_id AND program = OLD.program)
  WHERE user_id = OLD.user_id AND program = OLD.program;
  RETURN NULL;
END $$;
CREATE TRIGGER learner_lessons_after_delete AFTER DELETE ON lesson_progress
  FOR EACH ROW EXECUTE FUNCTION learner_lessons_after_delete();

CREATE FUNCTION learner_exercises_after_grade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('learner_exercises'), hashtext(NEW.user_id));
  INSERT INTO learner_exercises (user_id, exercise_id, first_at, pass_at, tries_to_pass)
    SELECT NEW.user_id, NEW.exercise_id, MIN(created_at),
           MIN(CASE WHEN status = 'pass' THEN created_at END), NULL
    FROM submissions WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id AND attempt_id IS NULL AND status != 'queued'
  ON CONFLICT (user_id, exercise_id) DO UPDATE SET first_at = excluded.first_at, pass_at = excluded.pass_at;
  UPDATE learner_exercises SET tries_to_pass = CASE WHEN pass_at IS NULL THEN NULL ELSE (
      SELECT COUNT(*) FROM submissions WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id
        AND attempt_id IS NULL AND status != 'queued' AND created_at <= learner_exercises.pass_at) END
  WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id;
  RETURN NULL;
END $$;
CREATE TRIGGER learner_exercises_after_grade AFTER UPDATE OF status ON submissions
  FOR EACH ROW WHEN (NEW.attempt_id IS NULL AND NEW.status != 'queued')
  EXECUTE FUNCTION learner_exercises_after_grade();

INSERT INTO learner_lessons (user_id, program, lessons, last_at)
  SELECT user_id, program, string_agg(lesson, chr(31) ORDER BY lesson COLLATE "C"), MAX(completed_at)
  FROM lesson_progress GROUP BY user_id, program;

INSERT INTO learner_exercises (user_id, exercise_id, first_at, pass_at, tries_to_pass)
  SELECT user_id, exercise_id, MIN(created_at), MIN(CASE WHEN status = 'pass' THEN created_at END), NULL
  FROM submissions WHERE attempt_id IS NULL AND status != 'queued' GROUP BY user_id, exercise_id;
UPDATE learner_exercises SET tries_to_pass = (
    SELECT COUNT(*) FROM submissions s WHERE s.user_id = learner_exercises.user_id AND s.exercise_id = learner_exercises.exercise_id
      AND s.attempt_id IS NULL AND s.status != 'queued' AND s.created_at <= learner_exercises.pass_at)
  WHERE pass_at IS NOT NULL;
`;
