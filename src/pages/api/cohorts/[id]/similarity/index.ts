// A cohort's similarity check as JSON: GET lists the flagged pairs per certification task; POST
// {"acrossProgram"?: boolean} checks now (switching the program's other cohorts in or out when given)
// and answers the outcome. The cohort's instructor or an admin only. Advisory: nothing is revoked.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { requireCohortAccess } from '../../../../../server/cohorts/access.ts';
import { HttpError, isRecord, json, readOptionalJson } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';
import { runCheck, similarityList } from '../../../../../server/similarity/pages.ts';

export const GET = route(async (context, app) => {
  const { cohort, threshold, state, tasks } = await similarityList(app, context.locals.user, context.params['id'] ?? '');
  return json({ cohort: { id: cohort.id, name: cohort.name }, threshold, advisory: true, ...state, tasks });
});

export const POST = route(async (context, app) => {
  const cohortId = context.params['id'] ?? '';
  // Access first: a learner learns nothing from a refusal about the body.
  await requireCohortAccess(app.db, cohortId, requireUser(context.locals.user));
  const body = await readOptionalJson(context.request, 1024, '{"acrossProgram": true | false} or nothing');
  if (body !== undefined && body !== null && !isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {"acrossProgram": true | false} or nothing.');
  const across = isRecord(body) ? body['acrossProgram'] : undefined;
  if (across !== undefined && typeof across !== 'boolean') throw new HttpError(400, 'invalid_input', 'The field "acrossProgram" must be true or false.');
  return json(await runCheck(app, context.locals.user, cohortId, across));
});
