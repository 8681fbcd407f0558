// CSV exports of a cohort: the learner table (default) or certification results (?kind=results).
import { requireRole } from '../../../server/auth/roles.ts';
import { loadCohortDashboard } from '../../../server/cohorts/load.ts';
import { learnerCsv, resultsCsv } from '../../../server/cohorts/export.ts';
import { route } from '../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  const dashboard = await loadCohortDashboard(app, context.params['id'] ?? '', user);
  const kind = context.url.searchParams.get('kind') === 'results' ? 'results' : 'learners';
  const body = kind === 'results' ? resultsCsv(app.db, dashboard.report) : learnerCsv(dashboard.report);
  const slug = dashboard.report.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'cohort';
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${slug}-${kind}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
