// Sends a case study for review: its candidate only, once it holds every kind of file the content requires.
import { requireUser } from '../../../../server/auth/roles.ts';
import { requireCaseStudyOwner } from '../../../../server/assessment/case-study-access.ts';
import { submitCaseStudy } from '../../../../server/assessment/case-study.ts';
import { caseStudyJson } from '../../../../server/assessment/case-study-json.ts';
import { loadAssessmentContent } from '../../../../server/assessment/content.ts';
import { json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const record = await requireCaseStudyOwner(app.db, user, context.params['id'] ?? '');
  const content = await loadAssessmentContent(record.program);
  return json(await caseStudyJson(app.db, await submitCaseStudy(app.db, user, record.id, content, Date.now()), content));
});
