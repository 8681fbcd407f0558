// A stable identifier for every credential holder: users.holder_id, a `urn:uuid:` (random UUID v4),
// the `credentialSubject.id` and JWT `sub` of every Open Badges credential the user holds.
// A urn:uuid rather than a did:key: a did:key names a key pair, and the platform would have to mint
// the pair and keep (or throw away) the private key the learner never sees, so the DID would claim a
// control the learner does not have. A urn:uuid claims nothing but identity, reveals nothing (unlike
// an email), and a learner who later brings their own DID can have it replace this one.
// Existing users are backfilled here; new users get one from the trigger, so no insert has to know.
const uuidV4 = `'urn:uuid:' || lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

export default `
ALTER TABLE users ADD COLUMN holder_id TEXT;
UPDATE users SET holder_id = ${uuidV4} WHERE holder_id IS NULL;
CREATE UNIQUE INDEX users_holder_id ON users(holder_id);
CREATE TRIGGER users_holder_id_on_insert AFTER INSERT ON users WHEN NEW.holder_id IS NULL
BEGIN
  UPDATE users SET holder_id = ${uuidV4} WHERE id = NEW.id;
END;
`;
