// The join link an instructor shares (/join/<code>): a visitor without an account signs up with the code
// filled in; a signed-in learner sees which cohort the code names and joins it with one button (a form
// post, so opening the link never changes anything by itself).
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { getProgram } from '../content/catalog.ts';
import { isCohortMember } from '../db/cohorts.ts';
import { HttpError } from '../http.ts';
import { SeeOther } from '../route.ts';
import { cohortForCode, joinWithCode } from './membership.ts';

export interface JoinPage {
  status: number;
  headers: Record<string, string>;
  /** Why the code cannot be used (unknown code, too many wrong codes, a staff account). */
  error: string | null;
  /** The cohort the code names, when it names one. */
  cohort: { name: string; programTitle: string; member: boolean } | null;
}

/** The address of a cohort's join link. */
export const joinPath = (code: string): string => `/join/${encodeURIComponent(code)}`;

/** After a join: /me says what happened. */
const joinedPath = (cohortId: string, already: boolean) => `/me?cohort=${encodeURIComponent(cohortId)}&done=${already ? 'already' : 'joined'}#cohorts`;

export async function joinPage(app: App, viewer: SessionUser | null, code: string, request: Request, now = Date.now()): Promise<JoinPage | SeeOther> {
  if (!viewer) return new SeeOther(`/signup?code=${encodeURIComponent(code)}`);
  try {
    if (request.method === 'POST') {
      const { cohort, alreadyMember } = await joinWithCode(app.db, viewer, code, now);
      return new SeeOther(joinedPath(cohort.id, alreadyMember));
    }
    const cohort = await cohortForCode(app.db, viewer, code, now);
    const program = await getProgram(cohort.program);
    return { status: 200, headers: {}, error: null, cohort: { name: cohort.name, programTitle: program?.title ?? cohort.program, member: await isCohortMember(app.db, cohort.id, viewer.id) } };
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return { status: e.status, headers: e.headers, error: e.message, cohort: null };
  }
}
