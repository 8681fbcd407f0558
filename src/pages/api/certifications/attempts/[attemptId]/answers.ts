// Autosaves answers (and review flags) of an open attempt.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { saveAttemptAnswers } from '../../../../../server/assessment/attempts.ts';
import { HttpError, isRecord, json, readJson } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

export const PUT = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const body = await readJson(context.request, 64 * 1024);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {answers: {questionId: optionId}, flags?: [questionId]}.');
  const saved = await saveAttemptAnswers(app.db, user.id, context.params['attemptId'] ?? '', body, Date.now());
  return json({ ok: true, ...saved, savedAt: new Date().toISOString() });
});
