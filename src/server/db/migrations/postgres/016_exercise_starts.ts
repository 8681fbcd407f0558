// PostgreSQL twin of ../016_exercise_starts.ts: when each learner started each practice exercise,
// kept by a trigger on drafts, and copied into learner_exercises.started_at by a trigger when the
// learner's row for the exercise is created (see that file for why).
export default `
CREATE TABLE exercise_starts (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, exercise_id)
);

CREATE FUNCTION exercise_starts_after_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO exercise_starts (user_id, exercise_id, started_at) VALUES (NEW.user_id, NEW.exercise_id, NEW.updated_at)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER exercise_starts_after_draft AFTER INSERT ON drafts
  FOR EACH ROW WHEN (strpos(NEW.exercise_id, '@') = 0)
  EXECUTE FUNCTION exercise_starts_after_draft();

INSERT INTO exercise_starts (user_id, exercise_id, started_at)
  SELECT user_id, exercise_id, updated_at FROM drafts WHERE strpos(exercise_id, '@') = 0
  ON CONFLICT DO NOTHING;

ALTER TABLE learner_exercises ADD COLUMN started_at BIGINT;

CREATE FUNCTION learner_exercises_started() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE learner_exercises SET started_at = (
      SELECT s.started_at FROM exercise_starts s WHERE s.user_id = NEW.user_id AND s.exercise_id = NEW.exercise_id)
    WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id;
  RETURN NULL;
END $$;
CREATE TRIGGER learner_exercises_started AFTER INSERT ON learner_exercises
  FOR EACH ROW EXECUTE FUNCTION learner_exercises_started();

UPDATE learner_exercises SET started_at = (
    SELECT s.started_at FROM exercise_starts s WHERE s.user_id = learner_exercises.user_id AND s.exercise_id = learner_exercises.exercise_id);
`;
