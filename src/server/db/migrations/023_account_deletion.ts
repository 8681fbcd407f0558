// Account deletion (src/server/account/erase.ts): the account row stays as an anonymous tombstone
// ("Deleted learner", no email, no password, no sessions) so the ids other rows carry still resolve
// (a cohort's roster and figures, certificates kept publicly verifiable, audit entries), and its
// certificates say what became of them:
// - users.deleted_at: when the account was deleted (NULL: a live account);
// - certificates.holder_deleted_at: the holder deleted their account; the certificate no longer names
//   them (learner_name and learner_email are emptied) and verifies as "issued to a deleted account";
// - certificates.withdrawn: the holder chose, when deleting, to withdraw it; it is revoked (its bit set
//   in the status list) and its verification says it was withdrawn at the holder's request.
// - submissions_files: deletion removes the stored contents nothing points at any more, found by hash.
export default `
ALTER TABLE users ADD COLUMN deleted_at INTEGER;
ALTER TABLE certificates ADD COLUMN holder_deleted_at INTEGER;
ALTER TABLE certificates ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));
CREATE INDEX submissions_files ON submissions(files_hash) WHERE files_hash IS NOT NULL;
`;
