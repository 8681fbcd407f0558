// Cohorts the signed-in instructor owns (admins: all), and creating one.
import { requireRole } from '../../../server/auth/roles.ts';
import { createCohort, listCohortsFor, memberCount } from '../../../server/db/cohorts.ts';
import { getProgram } from '../../../server/content/catalog.ts';
import { HttpError, isRecord, json, readJson } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

export const GET = route((context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  const cohorts = listCohortsFor(app.db, user).map((c) => ({ ...c, members: memberCount(app.db, c.id) }));
  return json({ cohorts });
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const POST = route(async (context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  const body = await readJson(context.request, 8192);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {name, program, sessionDates}.');
  const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
  if (!name || name.length > 120) throw new HttpError(400, 'invalid_name', 'Give the cohort a name (1 to 120 characters).', { details: { field: 'name' } });
  const programId = typeof body['program'] === 'string' ? body['program'] : '';
  const program = await getProgram(programId);
  if (!program) throw new HttpError(400, 'unknown_program', `No program "${programId}".`, { details: { field: 'program' } });
  const dates = Array.isArray(body['sessionDates']) ? body['sessionDates'] : [];
  if (dates.length !== program.sessions.length || !dates.every((d) => typeof d === 'string' && DATE.test(d) && !Number.isNaN(Date.parse(d)))) {
    throw new HttpError(400, 'invalid_schedule', `Give one date (YYYY-MM-DD) for each of the ${program.sessions.length} sessions.`, {
      details: { field: 'sessionDates' },
    });
  }
  const sorted = [...(dates as string[])].sort();
  if (sorted.join() !== (dates as string[]).join()) {
    throw new HttpError(400, 'invalid_schedule', 'Session dates must be in order.', { details: { field: 'sessionDates' } });
  }
  const cohort = createCohort(app.db, { name, program: program.id, ownerId: user.id, sessionDates: dates as string[] });
  return json({ cohort }, 201);
});
