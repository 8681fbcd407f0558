// Starts a practice exam at a level for the signed-in learner: {"level": "<level id>"} (the first level
// when left out). Practice items only; scored on submit with explanations; never credited or counted.
import { requireUser } from '../../../../server/auth/roles.ts';
import { loadAssessmentContent } from '../../../../server/assessment/content.ts';
import { startPractice } from '../../../../server/assessment/practice.ts';
import { parseTarget } from '../../../../server/assessment/targets.ts';
import { json, readOptionalJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const content = await loadAssessmentContent(context.params['program'] ?? '');
  const { level } = parseTarget(await readOptionalJson(context.request, 4 * 1024, '{"level": "<level id>"} or nothing'), content.certification);
  return json(await startPractice(app.db, user, content, level, Date.now()), 201);
});
