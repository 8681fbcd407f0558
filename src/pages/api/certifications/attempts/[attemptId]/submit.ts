// Submits an attempt: scores every component by the rules and, on a pass, issues the certificate.
// Submitting is final, so with questions unanswered or tasks not submitted it answers 409
// confirmation_required (listing them) unless the body is {"confirm": true}; once the attempt's time
// is up, what was saved is scored without asking. A complete attempt needs no body.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { submitAttemptAndIssue } from '../../../../../server/assessment/submit-attempt.ts';
import { isRecord, json, readOptionalJson } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

/** {"confirm": true} in a JSON body; an empty body (or none) confirms nothing. */
async function confirmed(request: Request): Promise<boolean> {
  const body = await readOptionalJson(request, 4 * 1024, '{"confirm": true} or nothing');
  return isRecord(body) && body['confirm'] === true;
}

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  return json(await submitAttemptAndIssue(app, user, context.params['attemptId'] ?? '', () => confirmed(context.request)));
});
