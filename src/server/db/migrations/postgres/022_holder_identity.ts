// PostgreSQL twin of ../022_holder_identity.ts: users.holder_id, a urn:uuid (random UUID v4), backfilled
// here and set for new users by an AFTER INSERT trigger, as on SQLite, so no insert has to know.
// gen_random_uuid() (built in since PostgreSQL 13) gives the same lower-case v4 form.
export default `
ALTER TABLE users ADD COLUMN holder_id TEXT;
UPDATE users SET holder_id = 'urn:uuid:' || gen_random_uuid() WHERE holder_id IS NULL;
CREATE UNIQUE INDEX users_holder_id ON users(holder_id);
CREATE FUNCTION users_holder_id_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET holder_id = 'urn:uuid:' || gen_random_uuid() WHERE id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER users_holder_id_on_insert AFTER INSERT ON users
  FOR EACH ROW WHEN (NEW.holder_id IS NULL)
  EXECUTE FUNCTION users_holder_id_on_insert();
`;
