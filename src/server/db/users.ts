// Users table: create, find, and activity stamps.
import type { Db } from './open.ts';
import { newId } from '../ids.ts';

export type Role = 'learner' | 'instructor' | 'admin';
export const ROLES: readonly Role[] = ['learner', 'instructor', 'admin'];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
  lastActiveAt: number | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: number;
  last_active_at: number | null;
  password_hash: string;
}

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at, lastActiveAt: row.last_active_at };
}

/** PostgreSQL's unique_violation (SQLite says SQLITE_CONSTRAINT_UNIQUE): the only unique key an insert here can break is the email. */
const UNIQUE_VIOLATION = '23505';

export class DuplicateEmailError extends Error {
  constructor() {
    super('An account with this email already exists. Sign in instead, or use another email.');
    this.name = 'DuplicateEmailError';
  }
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; passwordHash: string; role?: Role; now?: number },
): Promise<User> {
  const id = newId();
  const now = input.now ?? Date.now();
  try {
    await db.run('INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)', id, input.email, input.name, input.passwordHash, input.role ?? 'learner', now);
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === UNIQUE_VIOLATION)) throw new DuplicateEmailError();
    throw error;
  }
  return { id, email: input.email, name: input.name, role: input.role ?? 'learner', createdAt: now, lastActiveAt: null };
}

export async function findUserByEmail(db: Db, email: string): Promise<(User & { passwordHash: string }) | null> {
  const row = await db.get('SELECT * FROM users WHERE email = ?', email) as UserRow | undefined;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function getUser(db: Db, id: string): Promise<User | null> {
  const row = await db.get('SELECT * FROM users WHERE id = ?', id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

/** Activity stamps are coarse (one write per minute at most) to keep reads cheap. */
export async function touchUserActivity(db: Db, id: string, now = Date.now()): Promise<void> {
  await db.run('UPDATE users SET last_active_at = ? WHERE id = ? AND (last_active_at IS NULL OR last_active_at < ?)', now,
    id,
    now - 60_000);
}
