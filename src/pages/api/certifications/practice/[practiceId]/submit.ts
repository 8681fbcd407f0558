// Scores a practice exam: {"answers": {questionId: optionId | optionId[]}}. Answers the score and every
// question with the candidate's answer, the key and the explanation. Never credited.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { loadAssessmentContent } from '../../../../../server/assessment/content.ts';
import { requireOwnPractice, submitPractice } from '../../../../../server/assessment/practice.ts';
import { HttpError, isRecord, json, readJson } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const paper = await requireOwnPractice(app.db, user.id, context.params['practiceId'] ?? '');
  const body = await readJson(context.request, 64 * 1024);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {answers: {questionId: optionId | optionId[]}}.');
  return json(await submitPractice(app.db, user.id, paper.id, body['answers'] ?? {}, await loadAssessmentContent(paper.program), Date.now()));
});
