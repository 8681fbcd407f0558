// PostgreSQL twin of ../027_attempt_task_variants.ts: which variant of each task an attempt was given,
// backfilled from the attempts' papers.
export default `
CREATE TABLE attempt_tasks (
  attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  variant TEXT,
  PRIMARY KEY (attempt_id, exercise_id)
);
CREATE INDEX attempt_tasks_exercise ON attempt_tasks(exercise_id, variant);
INSERT INTO attempt_tasks (attempt_id, exercise_id, variant)
  SELECT a.id, t.value ->> 'exerciseId', t.value ->> 'variant'
  FROM attempts a CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(a.paper::jsonb -> 'tasks') = 'array' THEN a.paper::jsonb -> 'tasks' END) t(value)
  WHERE a.kind = 'exam' AND t.value ->> 'exerciseId' IS NOT NULL;
`;
