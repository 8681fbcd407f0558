// Cohorts the signed-in instructor owns (admins: all), and creating one.
import { requireRole } from '../../../server/auth/roles.ts';
import { cohortsVisibleTo } from '../../../server/cohorts/access.ts';
import { createCohort } from '../../../server/cohorts/create.ts';
import { memberCount } from '../../../server/db/cohorts.ts';
import { listPrograms } from '../../../server/content/catalog.ts';
import { HttpError, isRecord, json, readJson } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  const cohorts = [];
  for (const c of await cohortsVisibleTo(app.db, user)) cohorts.push({ ...c, members: await memberCount(app.db, c.id) });
  return json({ cohorts });
});

export const POST = route(async (context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  const body = await readJson(context.request, 8192);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {name, program, sessionDates}.');
  const cohort = await createCohort(app.db, user, { name: body['name'], program: body['program'], sessionDates: body['sessionDates'] }, await listPrograms());
  return json({ cohort }, 201);
});
