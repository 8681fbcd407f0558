// Starts a certification attempt for the signed-in learner.
import { requireUser } from '../../../../server/auth/roles.ts';
import { startAttempt } from '../../../../server/assessment/attempts.ts';
import { loadAssessmentContent } from '../../../../server/assessment/content.ts';
import { json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const content = await loadAssessmentContent(context.params['program'] ?? '');
  const view = startAttempt(app.db, user, content, Date.now());
  return json(view, 201);
});
