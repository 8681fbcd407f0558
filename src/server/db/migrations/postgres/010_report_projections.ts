// PostgreSQL twin of ../010_report_projections.ts: attempt_results, exercise_tests, learner_passes and
// learner_exercises.failing, kept by triggers as on SQLite (see that file for what each holds).
// - The JSON projections are built as text the way SQLite's json_group_object(json_extract(…)) writes
//   them: compact, in the breakdown's array order, JSON true/false as 1/0 (json_extract turns them
//   into integers), so both databases store the same text. sqlite_json_value() renders one value so.
// - INSERT OR REPLACE into attempt_results becomes an upsert on attempt_id (unique; part of the key).
// - exercise_tests ids come from an identity column. INSERT OR IGNORE does not use up an id on SQLite
//   but ON CONFLICT DO NOTHING would use up a sequence value, so only names not stored yet are
//   inserted (first occurrence first), and ids are handed out in the same order as on SQLite.
// - The grade trigger takes the learner's lock first, as in migration 009 (learner_passes is per learner).
// - group_concat orders: the char(31) lists follow the key's byte order (COLLATE "C"); failing follows
//   the test names' byte order, as SQLite's GROUP BY on the names yields it.
const json = (v: string) => `sqlite_json_value(${v})`;
const key = (v: string) => `to_json(${v})::text`;
const objectOf = (a: string, path: string, entry: string) => `
    (SELECT '{' || COALESCE(string_agg(${entry}, ',' ORDER BY e.n), '') || '}'
       FROM jsonb_array_elements(${a}.breakdown::jsonb -> '${path}') WITH ORDINALITY e(value, n))`;

const resultOf = (a: string) => `
  SELECT ${a}.user_id, ${a}.program, ${a}.id, ${a}.score, ${a}.passed, ${a}.level, ${a}.submitted_at,${objectOf(
    a,
    'skills',
    `${key("e.value ->> 'skill'")} || ':' || ${json("e.value -> 'score'")}`,
  )},${objectOf(
    a,
    'components',
    `${key("e.value ->> 'id'")} || ':[' || ${json("e.value -> 'score'")} || ',' || ${json("e.value -> 'passed'")} || ']'`,
  )},${objectOf(a, 'questions', `${key("e.value ->> 'id'")} || ':' || ${json("e.value -> 'mark'")}`)}`;

const RESULT_COLUMNS = '(user_id, program, attempt_id, score, passed, level, submitted_at, skills, components, marks)';

const failingOf = (user: string, exercise: string) => `(
  SELECT string_agg(t.id || ':' || f.n, ',' ORDER BY f.name COLLATE "C") FROM (
    SELECT j.name, COUNT(*) AS n FROM submissions s, jsonb_array_elements_text(s.failed_tests::jsonb) j(name)
    WHERE s.user_id = ${user} AND s.exercise_id = ${exercise} AND s.attempt_id IS NULL AND s.status = 'fail'
    GROUP BY j.name) f
  JOIN exercise_tests t ON t.exercise_id = ${exercise} AND t.name = f.name)`;

/** New failing-test names of the matching submissions, each once, in submission then array order. */
const namesOf = (where: string) => `
  INSERT INTO exercise_tests (exercise_id, name)
    SELECT f.exercise_id, f.name FROM (
      SELECT DISTINCT ON (s.exercise_id, j.name) s.exercise_id, j.name, s.created_at, j.n
      FROM submissions s, jsonb_array_elements_text(s.failed_tests::jsonb) WITH ORDINALITY j(name, n)
      WHERE ${where}
      ORDER BY s.exercise_id, j.name, s.created_at, j.n) f
    WHERE NOT EXISTS (SELECT 1 FROM exercise_tests t WHERE t.exercise_id = f.exercise_id AND t.name = f.name)
    ORDER BY f.exercise_id COLLATE "C", f.created_at, f.n
  ON CONFLICT (exercise_id, name) DO NOTHING`;

export default `
CREATE FUNCTION sqlite_json_value(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN 'null'
              WHEN jsonb_typeof(v) = 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN '1' ELSE '0' END
              ELSE v::text END
$$;

CREATE TABLE attempt_results (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  program TEXT NOT NULL,
  attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  score DOUBLE PRECISION NOT NULL,
  passed INTEGER NOT NULL,
  level TEXT,
  submitted_at BIGINT NOT NULL,
  skills TEXT NOT NULL,
  components TEXT NOT NULL,
  marks TEXT NOT NULL,
  PRIMARY KEY (user_id, program, attempt_id)
);
CREATE UNIQUE INDEX attempt_results_attempt ON attempt_results(attempt_id);

CREATE FUNCTION attempt_results_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO attempt_results ${RESULT_COLUMNS}
  ${resultOf('NEW')}
  ON CONFLICT (attempt_id) DO UPDATE SET user_id = excluded.user_id, program = excluded.program,
    score = excluded.score, passed = excluded.passed, level = excluded.level, submitted_at = excluded.submitted_at,
    skills = excluded.skills, components = excluded.components, marks = excluded.marks;
  RETURN NULL;
END $$;
CREATE TRIGGER attempt_results_after_score AFTER UPDATE OF breakdown ON attempts
  FOR EACH ROW WHEN (NEW.status = 'submitted' AND NEW.breakdown IS NOT NULL)
  EXECUTE FUNCTION attempt_results_project();
CREATE TRIGGER attempt_results_after_insert AFTER INSERT ON attempts
  FOR EACH ROW WHEN (NEW.status = 'submitted' AND NEW.breakdown IS NOT NULL)
  EXECUTE FUNCTION attempt_results_project();

INSERT INTO attempt_results ${RESULT_COLUMNS}
  ${resultOf('a')} FROM attempts a WHERE a.status = 'submitted' AND a.breakdown IS NOT NULL;

CREATE TABLE exercise_tests (
  id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  exercise_id TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (exercise_id, name)
);
ALTER TABLE learner_exercises ADD COLUMN failing TEXT;

CREATE TABLE learner_passes (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  exercises TEXT NOT NULL,
  last_at BIGINT NOT NULL
);

CREATE OR REPLACE FUNCTION learner_exercises_after_grade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('learner_exercises'), hashtext(NEW.user_id));
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
    SELECT NEW.user_id, string_agg(exercise_id, chr(31) ORDER BY exercise_id COLLATE "C"), MAX(pass_at) FROM learner_exercises
    WHERE user_id = NEW.user_id AND pass_at IS NOT NULL HAVING COUNT(*) > 0
  ON CONFLICT (user_id) DO UPDATE SET exercises = excluded.exercises, last_at = excluded.last_at;
  RETURN NULL;
END $$;

${namesOf("s.attempt_id IS NULL AND s.status = 'fail'")};
UPDATE learner_exercises SET failing = ${failingOf('learner_exercises.user_id', 'learner_exercises.exercise_id')};

INSERT INTO learner_passes (user_id, exercises, last_at)
  SELECT user_id, string_agg(exercise_id, chr(31) ORDER BY exercise_id COLLATE "C"), MAX(pass_at)
  FROM learner_exercises WHERE pass_at IS NOT NULL GROUP BY user_id;
`;
