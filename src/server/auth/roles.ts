// Who is asking: every route calls one of these before doing anything.
import { HttpError } from '../http.ts';
import type { Role } from '../db/users.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function requireUser(user: SessionUser | null | undefined): SessionUser {
  if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to do this.');
  return user;
}

export function requireRole(user: SessionUser | null | undefined, ...roles: Role[]): SessionUser {
  const u = requireUser(user);
  if (!roles.includes(u.role)) {
    throw new HttpError(403, 'forbidden', `This needs the ${roles.join(' or ')} role; you are signed in as ${u.role}.`);
  }
  return u;
}

export function isStaff(user: SessionUser | null | undefined): boolean {
  return user?.role === 'instructor' || user?.role === 'admin';
}
