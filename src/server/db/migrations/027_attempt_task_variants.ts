// Which variant of each certification task an attempt was given (issue 20): the attempt's paper
// keeps it (attempts.paper tasks[].variant) and this table mirrors it, as attempt_questions mirrors
// the questions, so a retake can draw a variant its candidate has not had and a draw can spread a
// cohort over the variants. Attempts started before tasks had variants keep a NULL variant: they
// were given the task as it was then, which is its first variant (assessment/task-variant.ts).
export default `
CREATE TABLE attempt_tasks (
  attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  variant TEXT,
  PRIMARY KEY (attempt_id, exercise_id)
);
CREATE INDEX attempt_tasks_exercise ON attempt_tasks(exercise_id, variant);
INSERT INTO attempt_tasks (attempt_id, exercise_id, variant)
  SELECT a.id, json_extract(t.value, '$.exerciseId'), json_extract(t.value, '$.variant')
  FROM attempts a, json_each(a.paper, '$.tasks') t
  WHERE a.kind = 'exam' AND json_extract(t.value, '$.exerciseId') IS NOT NULL;
`;
