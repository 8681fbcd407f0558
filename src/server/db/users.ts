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

export class DuplicateEmailError extends Error {
  constructor() {
    super('An account with this email already exists. Sign in instead, or use another email.');
    this.name = 'DuplicateEmailError';
  }
}

export function createUser(
  db: Db,
  input: { email: string; name: string; passwordHash: string; role?: Role; now?: number },
): User {
  const id = newId();
  const now = input.now ?? Date.now();
  try {
    db.prepare(
      'INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, input.email, input.name, input.passwordHash, input.role ?? 'learner', now);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateEmailError();
    throw error;
  }
  return { id, email: input.email, name: input.name, role: input.role ?? 'learner', createdAt: now, lastActiveAt: null };
}

export function findUserByEmail(db: Db, email: string): (User & { passwordHash: string }) | null {
  const row = db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function getUser(db: Db, id: string): User | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

/** Activity stamps are coarse (one write per minute at most) to keep reads cheap. */
export function touchUserActivity(db: Db, id: string, now = Date.now()): void {
  db.prepare('UPDATE users SET last_active_at = ? WHERE id = ? AND (last_active_at IS NULL OR last_active_at < ?)').run(
    now,
    id,
    now - 60_000,
  );
}
