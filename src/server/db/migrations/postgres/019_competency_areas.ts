// PostgreSQL twin of ../019_competency_areas.ts: Clean Timestamp's stored per-area results recomputed
// for the four competency areas (see that file for the rules; the tables below are the same snapshot).
// The JSON is rewritten with jsonb, which keeps every value but not the key order inside objects nor
// SQLite's compact spacing (breakdowns are parsed, never compared as text); the projection trigger of
// migration 010 re-projects attempt_results as on SQLite. SQLite's scalar MIN(1.0, MAX(0.0, x)) is
// NULL for a NULL mark, where GREATEST/LEAST would skip it: clamp() keeps the NULL.
const clamp = (x: string) => `CASE WHEN (${x}) IS NULL THEN NULL ELSE LEAST(1.0, GREATEST(0.0, ${x})) END`;
const num = (v: string) => `(${v})::double precision`;
/** A double as SQLite's JSON writes a REAL: 1 as 1.0, so the rewritten text matches (reports project it as is). */
const real = (x: string) => `(CASE WHEN (${x})::text ~ '^-?[0-9]+$' THEN (${x})::text || '.0' ELSE (${x})::text END)::jsonb`;
const arrayAt = (json: string, key: string) => `CASE WHEN jsonb_typeof(${json} -> '${key}') = 'array' THEN ${json} -> '${key}' END`;

export default `
CREATE TEMP TABLE m019_question_area (question_id TEXT PRIMARY KEY, skill TEXT NOT NULL);
INSERT INTO m019_question_area (question_id, skill) VALUES
  ('arch-application-layer-timestamps', 'entity-implementation'),
  ('arch-batch-publish', 'domain-event-handling'),
  ('arch-distributed-touch-contract', 'entity-implementation'),
  ('arch-domain-events-purpose', 'domain-event-handling'),
  ('arch-health-check', 'production-troubleshooting'),
  ('arch-legacy-task-problems', 'entity-implementation'),
  ('arch-multi-tenant-identity', 'entity-implementation'),
  ('arch-repository-publishes-events', 'domain-event-handling'),
  ('arch-review-entity-identity', 'entity-implementation'),
  ('arch-review-findings', 'entity-implementation'),
  ('arch-shared-batch-instant', 'performance-optimization'),
  ('arch-single-source-of-truth', 'entity-implementation'),
  ('arch-validation-in-entity', 'entity-implementation'),
  ('dbg-batch-instant-plus-one', 'production-troubleshooting'),
  ('dbg-concurrency-error', 'production-troubleshooting'),
  ('dbg-date-only-vs-local', 'production-troubleshooting'),
  ('dbg-distributed-validate-late', 'production-troubleshooting'),
  ('dbg-event-accumulation', 'domain-event-handling'),
  ('dbg-forgot-touch', 'production-troubleshooting'),
  ('dbg-leaky-service-fix', 'production-troubleshooting'),
  ('dbg-local-start-of-day', 'production-troubleshooting'),
  ('dbg-n-plus-one-symptom', 'performance-optimization'),
  ('dbg-naive-cutoff', 'production-troubleshooting'),
  ('dbg-tenant-event-collision', 'domain-event-handling'),
  ('dbg-touch-outside-transaction', 'production-troubleshooting'),
  ('dbg-trigger-double-write', 'production-troubleshooting'),
  ('impl-abstract-members', 'entity-implementation'),
  ('impl-batch-round-trips', 'performance-optimization'),
  ('impl-created-at-copy', 'entity-implementation'),
  ('impl-date-equality', 'entity-implementation'),
  ('impl-new-entity-state', 'entity-implementation'),
  ('impl-priority-range', 'entity-implementation'),
  ('impl-project-name-boundary', 'entity-implementation'),
  ('impl-release-created-once', 'domain-event-handling'),
  ('impl-release-date-clock', 'entity-implementation'),
  ('impl-semver-regex', 'entity-implementation'),
  ('impl-touch-strictly-increasing', 'entity-implementation'),
  ('impl-touch-validates-first', 'entity-implementation'),
  ('test-bulk-atomic', 'performance-optimization'),
  ('test-detect-n-plus-one', 'performance-optimization'),
  ('test-distributed-monotonic', 'entity-implementation'),
  ('test-expect-throw-wrapper', 'entity-implementation'),
  ('test-fixed-clock-determinism', 'entity-implementation'),
  ('test-in-memory-integration', 'domain-event-handling'),
  ('test-naive-report-regression', 'production-troubleshooting'),
  ('test-release-notes-boundaries', 'entity-implementation'),
  ('test-surviving-mutant', 'entity-implementation'),
  ('test-tenant-isolation', 'entity-implementation'),
  ('test-tobe-dates', 'entity-implementation'),
  ('test-updated-event-assertions', 'domain-event-handling'),
  ('test-updated-since-boundary', 'entity-implementation'),
  ('test-utc-assertions', 'entity-implementation');

CREATE TEMP TABLE m019_old_area (old TEXT PRIMARY KEY, skill TEXT NOT NULL);
INSERT INTO m019_old_area (old, skill) VALUES
  ('implementation', 'entity-implementation'),
  ('debugging', 'production-troubleshooting'),
  ('testing', 'entity-implementation'),
  ('architecture', 'entity-implementation');

CREATE TEMP TABLE m019_component_area (component_id TEXT NOT NULL, skill TEXT NOT NULL, share DOUBLE PRECISION NOT NULL, PRIMARY KEY (component_id, skill));
INSERT INTO m019_component_area (component_id, skill, share) VALUES
  ('implementation', 'entity-implementation', 0.75),
  ('implementation', 'domain-event-handling', 0.25),
  ('troubleshooting', 'production-troubleshooting', 0.75),
  ('troubleshooting', 'domain-event-handling', 0.25),
  ('optimization', 'performance-optimization', 1.0),
  ('code-review', 'entity-implementation', 0.625),
  ('code-review', 'performance-optimization', 0.25),
  ('code-review', 'domain-event-handling', 0.125);

CREATE TEMP TABLE m019_attempts AS
  SELECT a.id FROM attempts a
  WHERE a.program = 'clean-timestamp' AND a.breakdown IS NOT NULL
    AND COALESCE(jsonb_array_length(${arrayAt('a.breakdown::jsonb', 'components')}), 0) > 0
    AND EXISTS (SELECT 1 FROM jsonb_array_elements(${arrayAt('a.breakdown::jsonb', 'skills')}) s(value)
                WHERE s.value ->> 'skill' IN (SELECT old FROM m019_old_area));

CREATE TEMP TABLE m019_evidence AS
  SELECT a.id AS attempt_id,
         COALESCE(qa.skill, oa.skill, q.value ->> 'skill') AS skill,
         COALESCE((SELECT ${num("c.value ->> 'weight'")} FROM jsonb_array_elements(a.breakdown::jsonb -> 'components') c(value)
                   WHERE c.value ->> 'id' = 'theory' LIMIT 1), 0)
           / NULLIF(jsonb_array_length(a.breakdown::jsonb -> 'questions'), 0) AS weight,
         ${clamp(num("q.value ->> 'mark'"))} AS score
  FROM attempts a
  JOIN m019_attempts m ON m.id = a.id
  CROSS JOIN LATERAL jsonb_array_elements(a.breakdown::jsonb -> 'questions') q(value)
  LEFT JOIN m019_question_area qa ON qa.question_id = q.value ->> 'id'
  LEFT JOIN m019_old_area oa ON oa.old = q.value ->> 'skill'
  UNION ALL
  SELECT a.id, ca.skill, ${num("c.value ->> 'weight'")} * ca.share, ${clamp(num("c.value ->> 'score'"))}
  FROM attempts a
  JOIN m019_attempts m ON m.id = a.id
  CROSS JOIN LATERAL jsonb_array_elements(a.breakdown::jsonb -> 'components') c(value)
  JOIN m019_component_area ca ON ca.component_id = c.value ->> 'id';

UPDATE attempts SET breakdown = jsonb_set(jsonb_set(breakdown::jsonb,
  '{questions}', COALESCE((
    SELECT jsonb_agg(jsonb_set(q.value, '{skill}', COALESCE(to_jsonb(COALESCE(qa.skill, oa.skill, q.value ->> 'skill')), 'null'::jsonb)) ORDER BY q.n)
    FROM jsonb_array_elements(attempts.breakdown::jsonb -> 'questions') WITH ORDINALITY q(value, n)
    LEFT JOIN m019_question_area qa ON qa.question_id = q.value ->> 'id'
    LEFT JOIN m019_old_area oa ON oa.old = q.value ->> 'skill'), '[]'::jsonb)),
  '{skills}', COALESCE((
    SELECT jsonb_agg(jsonb_build_object('skill', skill, 'score', CASE WHEN w > 0 THEN ${real('ws / w')} ELSE '0'::jsonb END, 'weight', ${real('w')}, 'evidence', n) ORDER BY skill COLLATE "C")
    FROM (SELECT skill, SUM(weight * score) AS ws, SUM(weight) AS w, COUNT(*) AS n FROM m019_evidence e WHERE e.attempt_id = attempts.id GROUP BY skill) x), '[]'::jsonb))::text
WHERE id IN (SELECT id FROM m019_attempts);

UPDATE certificates SET breakdown = jsonb_set(breakdown::jsonb, '{skills}', COALESCE((
    SELECT jsonb_agg(jsonb_build_object('skill', s.value -> 'skill', 'score', s.value -> 'score') ORDER BY s.n)
    FROM attempts a CROSS JOIN LATERAL jsonb_array_elements(a.breakdown::jsonb -> 'skills') WITH ORDINALITY s(value, n)
    WHERE a.id = certificates.attempt_id), '[]'::jsonb))::text
WHERE attempt_id IN (SELECT id FROM m019_attempts);

DROP TABLE pg_temp.m019_evidence;
DROP TABLE pg_temp.m019_attempts;
DROP TABLE pg_temp.m019_component_area;
DROP TABLE pg_temp.m019_old_area;
DROP TABLE pg_temp.m019_question_area;
`;
