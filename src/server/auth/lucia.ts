// Lucia session management: 30-day sessions, extended when half-used (sliding expiry).
import { Lucia, TimeSpan } from 'lucia';
import type { Db } from '../db/open.ts';
import type { Role } from '../db/users.ts';
import { SqliteSessionAdapter } from './adapter.ts';

export const SESSION_COOKIE = 'practicum_session';

export function createLucia(db: Db, opts: { secureCookies: boolean }) {
  return new Lucia(new SqliteSessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: { name: SESSION_COOKIE, attributes: { secure: opts.secureCookies, sameSite: 'lax' } },
    getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name, role: attributes.role }),
  });
}

export type Auth = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: Auth;
    DatabaseUserAttributes: { email: string; name: string; role: Role };
  }
}
