// What cohort reports read, kept small and ready by triggers so a 10,000-learner report never parses
// the large stored JSON it comes from:
// - attempt_results: one row per scored attempt with its score, level, per-skill scores
//   ({"<skill>": score}), per-component results ({"<component>": [score, passed]}) and per-question
//   marks ({"<question>": mark}), projected from the attempt's breakdown when it is scored;
// - learner_exercises.failing: per learner and practice exercise, how many failed submissions each
//   hidden test failed in, as "<test id>:<count>,…" with ids from exercise_tests (test names are long
//   and repeat across learners), recomputed from that learner's submissions on every grade (the
//   trigger of migration 009 is replaced by one that also does this);
// - learner_passes: one row per learner with the practice exercises passed and the last first-pass
//   time, refreshed by the same trigger.
const resultOf = (a: string) => `
  SELECT ${a}.user_id, ${a}.program, ${a}.id, ${a}.score, ${a}.passed, ${a}.level, ${a}.submitted_at,
    (SELECT json_group_object(json_extract(value, '$.skill'), json_extract(value, '$.score')) FROM json_each(${a}.breakdown, '$.skills')),
    (SELECT json_group_object(json_extract(value, '$.id'), json_array(json_extract(value, '$.score'), json_extract(value, '$.passed'))) FROM json_each(${a}.breakdown, '$.components')),
    (SELECT json_group_object(json_extract(value, '$.id'), json_extract(value, '$.mark')) FROM json_each(${a}.breakdown, '$.questions'))`;

const RESULT_COLUMNS = '(user_id, program, attempt_id, score, passed, level, submitted_at, skills, components, marks)';

/** The projection is written whenever an attempt is stored scored: on scoring, or inserted already scored. */
const resultTrigger = (name: string, event: string) => `
CREATE TRIGGER ${name} ${event}
  WHEN NEW.status = 'submitted' AND NEW.breakdown IS NOT NULL BEGIN
  INSERT OR REPLACE INTO attempt_results ${RESULT_COLUMNS}
  ${resultOf('NEW')};
END;`;

const failingOf = (user: string, exercise: string) => `(
  SELECT group_concat(t.id || ':' || f.n) FROM (
    SELECT j.value AS name, COUNT(*) AS n FROM submissions s, json_each(s.failed_tests) j
    WHERE s.user_id = ${user} AND s.exercise_id = ${exercise} AND s.attempt_id IS NULL AND s.status = 'fail'
    GROUP BY j.value) f
  JOIN exercise_tests t ON t.exercise_id = ${exercise} AND t.name = f.name)`;

const namesOf = (where: string) => `
  INSERT OR IGNORE INTO exercise_tests (exercise_id, name)
    SELECT s.exercise_id, j.value FROM submissions s, json_each(s.failed_tests) j WHERE ${where}`;

export default `
CREATE TABLE attempt_results (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  score REAL NOT NULL,
  passed INTEGER NOT NULL,
  level TEXT,
  submitted_at INTEGER NOT NULL,
  skills TEXT NOT NULL,
  components TEXT NOT NULL,
  marks TEXT NOT NULL,
  PRIMARY KEY (user_id, program, attempt_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX attempt_results_attempt ON attempt_results(attempt_id);

${resultTrigger('attempt_results_after_score', 'AFTER UPDATE OF breakdown ON attempts')}

${resultTrigger('attempt_results_after_insert', 'AFTER INSERT ON attempts')}

INSERT INTO attempt_results ${RESULT_COLUMNS}
  ${resultOf('a')} FROM attempts a WHERE a.status = 'submitted' AND a.breakdown IS NOT NULL;

CREATE TABLE exercise_tests (
  id INTEGER PRIMARY KEY,
  exercise_id TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (exercise_id, name)
);
ALTER TABLE learner_exercises ADD COLUMN failing TEXT;

CREATE TABLE learner_passes (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  exercises TEXT NOT NULL,
  last_at INTEGER NOT NULL
) WITHOUT ROWID;

DROP TRIGGER learner_exercises_after_grade;
CREATE TRIGGER learner_exercises_after_grade AFTER UPDATE OF status ON submissions
  WHEN NEW.attempt_id IS NULL AND NEW.status != 'queued' BEGIN
  ${namesOf("s.id = NEW.id AND s.status = 'fail'")};
  INSERT INTO learner_exercises (user_id, exercise_id, first_at, pass_at, tries_to_pass)
    SELECT NEW.user_id, NEW.exercise_id, MIN(created_at),
           MIN(CASE WHEN status = 'pass' THEN created_at END), NULL
    FROM submissions WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id AND attempt_id IS NULL AND status != 'queued'
  ON CONFLICT (user_id, exercise_id) DO UPDATE SET first_at = excluded.first_at, pass_at = excluded.pass_at;
  UPDATE learner_exercises SET
    tries_to_pass = CASE WHEN pass_at IS NULL THEN NULL ELSE (
      SELECT COUNT(*) FROM submissions WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id
        AND attempt_id IS NULL AND status != 'queued' AND created_at <= learner_exercises.pass_at) END,
    failing = ${failingOf('NEW.user_id', 'NEW.exercise_id')}
  WHERE user_id = NEW.user_id AND exercise_id = NEW.exercise_id;
  INSERT INTO learner_passes (user_id, exercises, last_at)
    SELECT NEW.user_id, group_concat(exercise_id, char(31)), MAX(pass_at) FROM learner_exercises
    WHERE user_id = NEW.user_id AND pass_at IS NOT NULL HAVING COUNT(*) > 0
  ON CONFLICT (user_id) DO UPDATE SET exercises = excluded.exercises, last_at = excluded.last_at;
END;

${namesOf("s.attempt_id IS NULL AND s.status = 'fail' ORDER BY s.exercise_id, s.created_at")};
UPDATE learner_exercises SET failing = ${failingOf('learner_exercises.user_id', 'learner_exercises.exercise_id')};

INSERT INTO learner_passes (user_id, exercises, last_at)
  SELECT user_id, group_concat(exercise_id, char(31)), MAX(pass_at) FROM learner_exercises WHERE pass_at IS NOT NULL GROUP BY user_id;
`;
