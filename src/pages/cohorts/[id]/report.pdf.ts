// The cohort report as a PDF download (the whole cohort, for paper): the cohort's instructor or an admin only.
import { requireRole } from '../../../server/auth/roles.ts';
import { cohortReportDownload } from '../../../server/cohorts/report-download.ts';
import { route } from '../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireRole(context.locals.user, 'instructor', 'admin');
  const { bytes, fileName } = await cohortReportDownload(app, user, context.params['id'] ?? '');
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
});
