// Sign-in throttling state (src/server/auth/sign-in-throttle.ts, src/server/auth/devices.ts):
// - sign_in_attempts: one row per counted attempt and scope ('ip', 'account', 'device'). A row is written
//   as pending when an attempt is let through (so concurrent attempts see it) and either becomes a
//   failure (pending = 0, at = when it failed) or is deleted when the password was right: only failures
//   are ever counted, and a success removes nothing but its own rows.
// - known_devices: browsers that signed in to an account (hash of the device cookie, never the token);
//   such a browser is exempt from the account's spacing and its address's limit, within its own budget.
export default `
CREATE TABLE sign_in_attempts (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('ip', 'account', 'device')),
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  pending INTEGER NOT NULL CHECK (pending IN (0, 1))
);
CREATE INDEX sign_in_attempts_key ON sign_in_attempts(scope, key, at);
CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at);

CREATE TABLE known_devices (
  device_hash TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (device_hash, user_id)
) WITHOUT ROWID;
CREATE INDEX known_devices_user ON known_devices(user_id);
CREATE INDEX known_devices_seen ON known_devices(last_seen_at);
`;
