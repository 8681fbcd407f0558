// Clean Timestamp's skill areas became the four of the course's competency assessment (issue 17):
// "implementation", "debugging", "testing" and "architecture" are now "entity-implementation"
// (BaseTimestampEntity Implementation), "domain-event-handling" (Domain Event Handling),
// "production-troubleshooting" (Production Troubleshooting) and "performance-optimization" (Performance
// Optimization). An old area does not map onto one new area (testing questions measure entity work,
// N+1 work moved from architecture to performance, events were spread over three), so stored results
// are not renamed: they are recomputed from the evidence each attempt kept, the way scoreExam()
// (src/lib/scoring.ts) scores a new attempt:
// - every question of the stored breakdown (`$.questions[]`: id and mark) takes the area its file now
//   has (the table below, a snapshot of assessments/clean-timestamp/questions/ at this change; a
//   question no longer in it falls back to its old area's successor: implementation, testing and
//   architecture → entity-implementation, debugging → production-troubleshooting) and carries an equal
//   share of the theory component's stored weight;
// - every task component (`$.components[]`: id, normalised weight, score) evidences the areas
//   certification.json now gives it, its score carrying each area's share of its weight:
//   implementation (cert-release-entity) 3:1 entity-implementation : domain-event-handling;
//   troubleshooting (cert-leaky-service) 3:1 production-troubleshooting : domain-event-handling;
//   optimization (cert-bulk-status) performance-optimization; code-review (cert-code-review) 5:2:1
//   entity-implementation : performance-optimization : domain-event-handling;
// - an area's score is Σ weight·score ÷ Σ weight of its evidence (`$.skills[]`: skill, score, weight,
//   evidence, sorted by area id), and each question's `skill` is rewritten to its new area.
// Scores, pass/fail, levels, components, marks and answers do not change: only what is reported per
// area. Only breakdowns that still name an old area and hold the component evidence are touched (the
// assessment engine never wrote one without components), so running this on new data changes nothing.
// Rewriting attempts.breakdown fires migration 010's trigger, which re-projects attempt_results.skills
// for cohort reports; each certificate then takes its attempt's new per-area scores
// (`$.skills[]`: skill, score), which its verification page and signed credential are built from, so
// reports, CSV exports and credentials agree.
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

CREATE TEMP TABLE m019_component_area (component_id TEXT NOT NULL, skill TEXT NOT NULL, share REAL NOT NULL, PRIMARY KEY (component_id, skill));
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
    AND json_array_length(a.breakdown, '$.components') > 0
    AND EXISTS (SELECT 1 FROM json_each(a.breakdown, '$.skills') s WHERE json_extract(s.value, '$.skill') IN (SELECT old FROM m019_old_area));

CREATE TEMP TABLE m019_evidence AS
  SELECT a.id AS attempt_id,
         COALESCE(qa.skill, oa.skill, json_extract(q.value, '$.skill')) AS skill,
         COALESCE((SELECT json_extract(c.value, '$.weight') FROM json_each(a.breakdown, '$.components') c WHERE json_extract(c.value, '$.id') = 'theory'), 0)
           / json_array_length(a.breakdown, '$.questions') AS weight,
         MIN(1.0, MAX(0.0, json_extract(q.value, '$.mark'))) AS score
  FROM attempts a
  JOIN m019_attempts m ON m.id = a.id
  JOIN json_each(a.breakdown, '$.questions') q
  LEFT JOIN m019_question_area qa ON qa.question_id = json_extract(q.value, '$.id')
  LEFT JOIN m019_old_area oa ON oa.old = json_extract(q.value, '$.skill')
  UNION ALL
  SELECT a.id, ca.skill, json_extract(c.value, '$.weight') * ca.share, MIN(1.0, MAX(0.0, json_extract(c.value, '$.score')))
  FROM attempts a
  JOIN m019_attempts m ON m.id = a.id
  JOIN json_each(a.breakdown, '$.components') c
  JOIN m019_component_area ca ON ca.component_id = json_extract(c.value, '$.id');

UPDATE attempts SET breakdown = json_set(breakdown,
  '$.questions', json((
    SELECT json_group_array(json_set(q.value, '$.skill', COALESCE(qa.skill, oa.skill, json_extract(q.value, '$.skill'))) ORDER BY q.key)
    FROM json_each(attempts.breakdown, '$.questions') q
    LEFT JOIN m019_question_area qa ON qa.question_id = json_extract(q.value, '$.id')
    LEFT JOIN m019_old_area oa ON oa.old = json_extract(q.value, '$.skill'))),
  '$.skills', json((
    SELECT json_group_array(json_object('skill', skill, 'score', CASE WHEN w > 0 THEN ws / w ELSE 0 END, 'weight', w, 'evidence', n) ORDER BY skill)
    FROM (SELECT skill, SUM(weight * score) AS ws, SUM(weight) AS w, COUNT(*) AS n FROM m019_evidence e WHERE e.attempt_id = attempts.id GROUP BY skill))))
WHERE id IN (SELECT id FROM m019_attempts);

UPDATE certificates SET breakdown = json_set(breakdown, '$.skills', json((
    SELECT json_group_array(json_object('skill', json_extract(s.value, '$.skill'), 'score', json_extract(s.value, '$.score')) ORDER BY s.key)
    FROM attempts a, json_each(a.breakdown, '$.skills') s WHERE a.id = certificates.attempt_id)))
WHERE attempt_id IN (SELECT id FROM m019_attempts);

DROP TABLE temp.m019_evidence;
DROP TABLE temp.m019_attempts;
DROP TABLE temp.m019_component_area;
DROP TABLE temp.m019_old_area;
DROP TABLE temp.m019_question_area;
`;
