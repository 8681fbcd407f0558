// The cohorts page: the cohorts an instructor owns (admins: all) and the form that creates one.
// Learners who find the page are told it is for staff (403).
import { isStaff, requireUser, type SessionUser } from '../auth/roles.ts';
import { listPrograms } from '../content/catalog.ts';
import { memberCount, type Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { cohortsVisibleTo } from './access.ts';
import { createCohort } from './create.ts';

export interface CohortsPage {
  staff: boolean;
  status: number;
  /** Why a posted cohort was not created. */
  error: string | null;
  cohorts: (Cohort & { members: number; programTitle: string })[];
  programs: Program[];
  /** The program whose sessions the form asks dates for. */
  formProgram: Program | null;
}

/** The form's fields as createCohort takes them: one date per session of the chosen program. */
function cohortFromForm(form: URLSearchParams, programs: readonly Program[]) {
  const program = programs.find((p) => p.id === form.get('program'));
  return {
    name: form.get('name') ?? '',
    program: form.get('program') ?? '',
    sessionDates: program ? program.sessions.map((s) => form.get(`session-${s.number}`) ?? '') : [],
  };
}

/** The page, or after a cohort was created, its address. */
export async function cohortsPage(db: Db, viewer: SessionUser | null, request: Request, now = Date.now()): Promise<CohortsPage | SeeOther> {
  const user = requireUser(viewer);
  const programs = await listPrograms();
  const staff = isStaff(user);
  let error: string | null = null;
  let status = staff ? 200 : 403;
  if (staff && request.method === 'POST') {
    try {
      const cohort = createCohort(db, user, cohortFromForm(await readForm(request), programs), programs, now);
      return new SeeOther(`/cohorts/${cohort.id}`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      error = e.message;
      status = e.status;
    }
  }
  const title = (id: string) => programs.find((p) => p.id === id)?.title ?? id;
  const cohorts = staff ? cohortsVisibleTo(db, user).map((c) => ({ ...c, members: memberCount(db, c.id), programTitle: title(c.program) })) : [];
  return { staff, status, error, cohorts, programs, formProgram: programs[0] ?? null };
}
