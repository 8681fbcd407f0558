// Submitting a certification attempt, the one way both the attempt page and the JSON route do it:
// with anything outstanding and time left, only once confirmed; then score it (attempts.ts) and
// start the certificate's artefacts when it earned one.
import type { App } from '../app.ts';
import { afterCertificateIssued } from '../certificates/artefacts.ts';
import { attemptView, requireOwnAttempt, requireSubmitConfirmation, submitAttempt, type Learner, type SubmitOutcome } from './attempts.ts';
import { loadAssessmentContent } from './content.ts';
import { afterCertificationSubmitted } from '../similarity/background.ts';

/**
 * `confirmed` is asked only for an open attempt (a request body is read only when it matters). Throws
 * 409 confirmation_required with details.outstanding when it is needed and not given.
 */
export async function submitAttemptAndIssue(
  app: App,
  user: Learner,
  attemptId: string,
  confirmed: () => boolean | Promise<boolean>,
  now = Date.now(),
): Promise<SubmitOutcome> {
  const attempt = await requireOwnAttempt(app.db, user.id, attemptId);
  const content = await loadAssessmentContent(attempt.program);
  if (attempt.status === 'open') requireSubmitConfirmation(await attemptView(app.db, attempt, content, now), attempt, now, await confirmed());
  const outcome = await submitAttempt(app.db, user, attempt.id, content, now, app.config.certificates.statusListSize);
  await afterCertificateIssued(app, outcome.certificateId);
  // The similarity check runs a few seconds later, never in the learner's request.
  await afterCertificationSubmitted(app, user.id, attempt.program);
  return outcome;
}
