// The cohorts page: the cohorts an instructor owns (admins: all) and the form that creates one.
// The form has one set of session-date fields per program (named session-<program>-<n>), so the dates
// asked for are always the chosen program's: with JavaScript only the chosen program's set shows;
// without it every set shows under its program's name and the server reads the chosen one.
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

/** A program as the form offers it: its sessions, each with the field that takes its date. */
export interface FormProgram {
  id: string;
  title: string;
  sessions: { number: number; title: string; field: string; value: string }[];
}

export interface CohortsPage {
  staff: boolean;
  status: number;
  /** Why a posted cohort was not created. */
  error: string | null;
  cohorts: (Cohort & { members: number; programTitle: string })[];
  /** Every program, with its session-date fields (values kept after a refused post). */
  programs: FormProgram[];
  /** The program the form has chosen: the posted one, ?program=, or the first. */
  chosen: string;
  /** The posted name, kept after a refused post. */
  name: string;
}

/** The form field that takes a session's date for a program. */
export const sessionField = (programId: string, session: number): string => `session-${programId}-${session}`;

/** The form's fields as createCohort takes them: one date per session of the chosen program. */
function cohortFromForm(form: URLSearchParams, programs: readonly Program[]) {
  const program = programs.find((p) => p.id === form.get('program'));
  return {
    name: form.get('name') ?? '',
    program: form.get('program') ?? '',
    sessionDates: program ? program.sessions.map((s) => form.get(sessionField(program.id, s.number)) ?? '') : [],
  };
}

/** The page, or after a cohort was created, its address. */
export async function cohortsPage(db: Db, viewer: SessionUser | null, request: Request, now = Date.now()): Promise<CohortsPage | SeeOther> {
  const user = requireUser(viewer);
  const programs = await listPrograms();
  const staff = isStaff(user);
  let error: string | null = null;
  let status = staff ? 200 : 403;
  let form = new URLSearchParams();
  if (staff && request.method === 'POST') {
    try {
      form = await readForm(request);
      const cohort = await createCohort(db, user, cohortFromForm(form, programs), programs, now);
      return new SeeOther(`/cohorts/${cohort.id}`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      error = e.message;
      status = e.status;
    }
  }
  const asked = form.get('program') ?? new URL(request.url).searchParams.get('program');
  const chosen = programs.find((p) => p.id === asked)?.id ?? programs[0]?.id ?? '';
  const title = (id: string) => programs.find((p) => p.id === id)?.title ?? id;
  const cohorts: (Cohort & { members: number; programTitle: string })[] = [];
  if (staff) for (const c of await cohortsVisibleTo(db, user)) cohorts.push({ ...c, members: await memberCount(db, c.id), programTitle: title(c.program) });
  return {
    staff,
    status,
    error,
    cohorts,
    programs: programs.map((p) => ({
      id: p.id,
      title: p.title,
      sessions: p.sessions.map((s) => ({ number: s.number, title: s.title, field: sessionField(p.id, s.number), value: (form.get(sessionField(p.id, s.number)) ?? '').slice(0, 10) })),
    })),
    chosen,
    name: (form.get('name') ?? '').slice(0, 200),
  };
}
