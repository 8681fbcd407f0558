// PostgreSQL twin of ../023_account_deletion.ts: account tombstones and what became of their certificates.
export default `
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
ALTER TABLE certificates ADD COLUMN holder_deleted_at BIGINT;
ALTER TABLE certificates ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));
CREATE INDEX submissions_files ON submissions(files_hash) WHERE files_hash IS NOT NULL;
`;
