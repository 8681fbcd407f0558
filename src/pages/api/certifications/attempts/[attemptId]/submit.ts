// Submits an attempt: scores every component by the rules and, on a pass, issues the certificate.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { requireOwnAttempt, submitAttempt } from '../../../../../server/assessment/attempts.ts';
import { loadAssessmentContent } from '../../../../../server/assessment/content.ts';
import { afterCertificateIssued } from '../../../../../server/certificates/artefacts.ts';
import { json } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const attempt = requireOwnAttempt(app.db, user.id, context.params['attemptId'] ?? '');
  const outcome = submitAttempt(app.db, user, attempt.id, await loadAssessmentContent(attempt.program), Date.now());
  afterCertificateIssued(app, outcome.certificateId);
  return json(outcome);
});
