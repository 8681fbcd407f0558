// CSV exports of a cohort: the learner table (default), certification results (?kind=results), the
// KPIs (?kind=kpis) or the end-of-program feedback forms (?kind=feedback).
import { requireRole } from '../../../server/auth/roles.ts';
import { loadCohortDashboard } from '../../../server/cohorts/load.ts';
import { kpiCsv, learnerCsv, programFeedbackCsv, resultsCsv } from '../../../server/cohorts/export.ts';
import { getProgram } from '../../../server/content/catalog.ts';
import { findAssessmentContent } from '../../../server/assessment/content.ts';
import { route } from '../../../server/route.ts';
import { HttpError } from '../../../server/http.ts';
import type { Program } from '../../../lib/schemas/program.ts';

async function requireProgram(id: string): Promise<Program> {
  const program = await getProgram(id);
  if (!program) throw new HttpError(404, 'not_found', `The cohort's program "${id}" is no longer available.`);
  return program;
}

export const GET = route(async (context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  const dashboard = await loadCohortDashboard(app, context.params['id'] ?? '', user);
  const asked = context.url.searchParams.get('kind');
  const kind = asked === 'results' || asked === 'kpis' || asked === 'feedback' ? asked : 'learners';
  const body =
    kind === 'results'
      ? await resultsCsv(app.db, dashboard.report, (await findAssessmentContent(dashboard.report.cohort.program))?.taskVariants)
      : kind === 'kpis'
        ? kpiCsv(dashboard.report)
        : kind === 'feedback'
          ? await programFeedbackCsv(app.db, dashboard.report, await requireProgram(dashboard.report.cohort.program))
          : learnerCsv(dashboard.report);
  const slug = dashboard.report.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'cohort';
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${slug}-${kind}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
