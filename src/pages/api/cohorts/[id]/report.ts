import { requireRole } from '../../../../server/auth/roles.ts';
import { loadCohortDashboard } from '../../../../server/cohorts/load.ts';
import { json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  return json(await loadCohortDashboard(app, context.params['id'] ?? '', user));
});
