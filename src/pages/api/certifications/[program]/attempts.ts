// Starts an exam attempt for the signed-in learner: at `level` (the first level when left out), to
// earn it or, with {"renewal": true}, to renew it. Body optional: {"level": "<level id>", "renewal": true}.
import { requireUser } from '../../../../server/auth/roles.ts';
import { startAttempt } from '../../../../server/assessment/attempts.ts';
import { loadAssessmentContent } from '../../../../server/assessment/content.ts';
import { parseTarget } from '../../../../server/assessment/targets.ts';
import { json, readOptionalJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const content = await loadAssessmentContent(context.params['program'] ?? '');
  const target = parseTarget(await readOptionalJson(context.request, 4 * 1024, '{"level": "<level id>", "renewal": true} or nothing'), content.certification);
  const view = await startAttempt(app.db, user, content, Date.now(), undefined, target);
  return json(view, 201);
});
