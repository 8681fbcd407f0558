// A case study as JSON, for its candidate and its staff only (404 for anyone else).
import { requireUser } from '../../../../server/auth/roles.ts';
import { requireCaseStudyReader } from '../../../../server/assessment/case-study-access.ts';
import { caseStudyJson } from '../../../../server/assessment/case-study-json.ts';
import { loadAssessmentContent } from '../../../../server/assessment/content.ts';
import { json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const record = await requireCaseStudyReader(app.db, user, context.params['id'] ?? '');
  return json(await caseStudyJson(app.db, record, await loadAssessmentContent(record.program)));
});
