// Lucia v3 adapter over better-sqlite3. Project-owned because @lucia-auth/adapter-sqlite does not accept
// better-sqlite3 13. Session ids are stored only as SHA-256 hashes: a leaked database yields no usable session.
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db/open.ts';
import type { Role } from '../db/users.ts';

export function hashSessionId(sessionId: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(sessionId)));
}

interface JoinedRow {
  session_id: string;
  user_id: string;
  expires_at: number;
  email: string;
  name: string;
  role: Role;
}

export class SqliteSessionAdapter implements Adapter {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.#db.get(`SELECT s.id AS session_id, s.user_id, s.expires_at, u.email, u.name, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`, hashSessionId(sessionId)) as JoinedRow | undefined;
    if (!row) return [null, null];
    return [
      { id: sessionId, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} },
      { id: row.user_id, attributes: { email: row.email, name: row.name, role: row.role } },
    ];
  }

  /** Returned ids are the stored hashes; they identify sessions for listing but cannot be used as tokens. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.#db.all('SELECT id, expires_at FROM sessions WHERE user_id = ?', userId) as {
      id: string;
      expires_at: number;
    }[];
    return rows.map((r) => ({ id: r.id, userId, expiresAt: new Date(r.expires_at), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.#db.run('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)', hashSessionId(session.id), session.userId, session.expiresAt.getTime());
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.#db.run('UPDATE sessions SET expires_at = ? WHERE id = ?', expiresAt.getTime(), hashSessionId(sessionId));
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.#db.run('DELETE FROM sessions WHERE id = ?', hashSessionId(sessionId));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.#db.run('DELETE FROM sessions WHERE user_id = ?', userId);
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.#db.run('DELETE FROM sessions WHERE expires_at <= ?', Date.now());
  }
}
