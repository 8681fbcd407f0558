// The signed-in learner's attempt as the quiz UI needs it (never keys before submission).
import { requireUser } from '../../../../../server/auth/roles.ts';
import { attemptView, requireOwnAttempt } from '../../../../../server/assessment/attempts.ts';
import { loadAssessmentContent } from '../../../../../server/assessment/content.ts';
import { json } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const attempt = await requireOwnAttempt(app.db, user.id, context.params['attemptId'] ?? '');
  return json(await attemptView(app.db, attempt, await loadAssessmentContent(attempt.program), Date.now()));
});
