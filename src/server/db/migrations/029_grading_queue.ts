// The cluster mode's grading queue keeps three small tables beside pg-boss's own schema
// (src/server/db/grading-queue.ts): worker time per learner for the budget every web node enforces,
// "Run tests" results waiting to be read, and the live workers with their slots. The embedded mode
// keeps all of this in its one process and leaves them empty; they exist in both so the two schemas
// stay one shape.
export default `
CREATE TABLE grading_usage (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,
  finished_at INTEGER NOT NULL,
  ms INTEGER NOT NULL
);
CREATE INDEX grading_usage_owner ON grading_usage(owner, finished_at);
CREATE INDEX grading_usage_recent ON grading_usage(finished_at);
CREATE TABLE grading_results (
  run_id TEXT PRIMARY KEY,
  result TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE grader_workers (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  slots INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL
);
`;
