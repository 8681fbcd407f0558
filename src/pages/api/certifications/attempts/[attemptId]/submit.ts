// Submits an attempt: scores every component by the rules and, on a pass, issues the certificate.
// Submitting is final, so with questions unanswered or tasks not submitted it answers 409
// confirmation_required (listing them) unless the body is {"confirm": true}; once the attempt's time
// is up, what was saved is scored without asking. A complete attempt needs no body.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { attemptView, requireOwnAttempt, requireSubmitConfirmation, submitAttempt } from '../../../../../server/assessment/attempts.ts';
import { loadAssessmentContent } from '../../../../../server/assessment/content.ts';
import { afterCertificateIssued } from '../../../../../server/certificates/artefacts.ts';
import { HttpError, isRecord, json, readBodyText } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

/** {"confirm": true} in a JSON body; an empty body (or none) confirms nothing. */
async function confirmed(request: Request): Promise<boolean> {
  const text = (await readBodyText(request, 4 * 1024)).trim();
  if (text === '') return false;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON; send {"confirm": true} or nothing.');
  }
  return isRecord(body) && body['confirm'] === true;
}

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const attempt = requireOwnAttempt(app.db, user.id, context.params['attemptId'] ?? '');
  const content = await loadAssessmentContent(attempt.program);
  const now = Date.now();
  if (attempt.status === 'open') requireSubmitConfirmation(attemptView(app.db, attempt, content, now), attempt, now, await confirmed(context.request));
  const outcome = submitAttempt(app.db, user, attempt.id, content, now);
  afterCertificateIssued(app, outcome.certificateId);
  return json(outcome);
});
