// PostgreSQL twin of ../029_grading_queue.ts: the grading queue's usage, results and workers.
export default `
CREATE TABLE grading_usage (
  owner TEXT NOT NULL,
  finished_at BIGINT NOT NULL,
  ms INTEGER NOT NULL
);
CREATE INDEX grading_usage_owner ON grading_usage(owner, finished_at);
CREATE INDEX grading_usage_recent ON grading_usage(finished_at);
CREATE TABLE grading_results (
  run_id TEXT PRIMARY KEY,
  result TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE grader_workers (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  slots INTEGER NOT NULL,
  started_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL
);
`;
