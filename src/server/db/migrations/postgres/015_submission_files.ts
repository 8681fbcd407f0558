// PostgreSQL twin of ../015_submission_files.ts: submitted files stored once per distinct content.
export default `
CREATE TABLE submission_files (
  hash TEXT PRIMARY KEY,
  files TEXT NOT NULL,
  bytes BIGINT NOT NULL
);
ALTER TABLE submissions ADD COLUMN files_hash TEXT REFERENCES submission_files(hash);
CREATE INDEX submissions_user_files ON submissions(user_id, files_hash);
`;
