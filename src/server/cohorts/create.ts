// Creating a cohort: the one validation of its name, program and session schedule, shared by the
// cohorts page (a form) and POST /api/cohorts (JSON). Programs are passed in, so scripts that read
// content from disk create cohorts the same way.
import type { SessionUser } from '../auth/roles.ts';
import { insertCohort, type Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { HttpError } from '../http.ts';
import type { Program } from '../../lib/schemas/program.ts';

export const MAX_COHORT_NAME = 120;

/** As submitted: nothing is trusted yet. */
export interface NewCohort {
  name: unknown;
  /** A program id. */
  program: unknown;
  /** One YYYY-MM-DD date per session of the program, in order. */
  sessionDates: unknown;
}

/** A real calendar day written YYYY-MM-DD ("2026-02-31" and "2026-13-01" are not). */
function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export async function createCohort(db: Db, owner: Pick<SessionUser, 'id'>, input: NewCohort, programs: readonly Program[], now = Date.now()): Promise<Cohort> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > MAX_COHORT_NAME) {
    throw new HttpError(400, 'invalid_name', `Give the cohort a name (1 to ${MAX_COHORT_NAME} characters).`, { details: { field: 'name' } });
  }
  const programId = typeof input.program === 'string' ? input.program : '';
  const program = programs.find((p) => p.id === programId);
  if (!program) throw new HttpError(400, 'unknown_program', `No program "${programId}".`, { details: { field: 'program' } });
  const given: unknown[] = Array.isArray(input.sessionDates) ? input.sessionDates : [];
  const dates = given.filter(isCalendarDate);
  if (given.length !== program.sessions.length || dates.length !== given.length) {
    throw new HttpError(400, 'invalid_schedule', `Give one date (YYYY-MM-DD) for each of the ${program.sessions.length} sessions.`, {
      details: { field: 'sessionDates' },
    });
  }
  if ([...dates].sort().join() !== dates.join()) {
    throw new HttpError(400, 'invalid_schedule', 'Session dates must be in order.', { details: { field: 'sessionDates' } });
  }
  return await insertCohort(db, { name, program: program.id, ownerId: owner.id, sessionDates: dates, now });
}
