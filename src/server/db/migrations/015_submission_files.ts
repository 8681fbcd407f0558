// Submitted files stored once per distinct content: a learner who submits the same files again (or
// many learners submitting the unchanged starter) adds one small row, not another copy. New rows keep
// `files` empty and point at submission_files by the SHA-256 of their canonical JSON; rows stored
// before this migration keep their files inline (readers take whichever is set). `bytes` is what the
// content costs, for per-account storage quotas.
export default `
CREATE TABLE submission_files (
  hash TEXT PRIMARY KEY,
  files TEXT NOT NULL,
  bytes INTEGER NOT NULL
) WITHOUT ROWID;
ALTER TABLE submissions ADD COLUMN files_hash TEXT REFERENCES submission_files(hash);
CREATE INDEX submissions_user_files ON submissions(user_id, files_hash);
`;
