// The signed-in learner's practice exam: its questions, and once submitted its score and review.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { loadAssessmentContent } from '../../../../../server/assessment/content.ts';
import { practiceResult, practiceView, requireOwnPractice } from '../../../../../server/assessment/practice.ts';
import { json } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const paper = await requireOwnPractice(app.db, user.id, context.params['practiceId'] ?? '');
  const content = await loadAssessmentContent(paper.program);
  return json(practiceResult(paper, content) ?? practiceView(paper, content));
});
