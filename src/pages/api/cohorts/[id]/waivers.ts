// A cohort's waivers of level holding periods: GET lists the waivable levels and whether each is
// waived; PUT {"level": "<level id>", "waived": true | false} changes one (audited). The cohort's
// instructor or an admin only.
import { requireUser } from '../../../../server/auth/roles.ts';
import { requireCohortAccess } from '../../../../server/cohorts/access.ts';
import { changeWaiver, parseWaiverChange, waiverStates } from '../../../../server/cohorts/waivers.ts';
import { getCertification } from '../../../../server/content/catalog.ts';
import { HttpError, isRecord, json, readJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const cohort = await requireCohortAccess(app.db, context.params['id'] ?? '', requireUser(context.locals.user));
  return json({ waivers: await waiverStates(app.db, cohort, await getCertification(cohort.program)) });
});

export const PUT = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const cohort = await requireCohortAccess(app.db, context.params['id'] ?? '', user);
  const body = await readJson(context.request, 4 * 1024);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {level: "<level id>", waived: true | false}.');
  return json(await changeWaiver(app.db, user, cohort.id, await getCertification(cohort.program), parseWaiverChange(body), Date.now()));
});
