// Opens the signed-in learner's case study at a level assessed by one: {"level": "<level id>",
// "renewal": true?}. Answers the one in progress (200) or a new draft when they may take it now (201).
import { requireUser } from '../../../../server/auth/roles.ts';
import { openCaseStudy } from '../../../../server/assessment/case-study.ts';
import { caseStudyJson } from '../../../../server/assessment/case-study-json.ts';
import { loadAssessmentContent } from '../../../../server/assessment/content.ts';
import { parseTarget } from '../../../../server/assessment/targets.ts';
import { json, readOptionalJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const content = await loadAssessmentContent(context.params['program'] ?? '');
  const target = parseTarget(await readOptionalJson(context.request, 4 * 1024, '{"level": "<level id>", "renewal": true}'), content.certification);
  const now = Date.now();
  const record = await openCaseStudy(app.db, user, content, target, now);
  return json(await caseStudyJson(app.db, record, content), record.createdAt === now ? 201 : 200);
});
