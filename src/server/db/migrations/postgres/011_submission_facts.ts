// PostgreSQL twin of ../011_submission_facts.ts: submissions.changed and submissions.no_verdict.
// The message is read only from rows that are errors (a CTE keeps the JSON cast off other rows).
export default `
ALTER TABLE submissions ADD COLUMN changed INTEGER;
ALTER TABLE submissions ADD COLUMN no_verdict INTEGER NOT NULL DEFAULT 0;
WITH errors AS MATERIALIZED (SELECT id, result FROM submissions WHERE status = 'error' AND result IS NOT NULL)
UPDATE submissions SET no_verdict = 1
  FROM errors WHERE errors.id = submissions.id AND errors.result::jsonb ->> 'message' LIKE 'Grading was interrupted%';
`;
