// A staff decision on a case study waiting for review: {"decision": "sign-off" | "return",
// "points": {criterionId: points}, "comment": "…"}. Staff of the case study only (an admin, or the
// instructor of a cohort of its program the candidate is in); its candidate gets 403, anyone else 404.
// Signing off needs the rubric met (409 otherwise) and issues the level's certificate.
import { requireUser } from '../../../../server/auth/roles.ts';
import { requireCaseStudyReviewer } from '../../../../server/assessment/case-study-access.ts';
import { reviewCaseStudy } from '../../../../server/assessment/case-study.ts';
import { loadAssessmentContent } from '../../../../server/assessment/content.ts';
import { afterCertificateIssued } from '../../../../server/certificates/artefacts.ts';
import { HttpError, isRecord, json, readJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const record = await requireCaseStudyReviewer(app.db, user, context.params['id'] ?? '');
  const body = await readJson(context.request, 16 * 1024);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {"decision": "sign-off" | "return", "points": {criterionId: points}, "comment": "…"}.');
  const content = await loadAssessmentContent(record.program);
  const input = { decision: body['decision'], points: body['points'], comment: body['comment'] };
  const outcome = await reviewCaseStudy(app.db, user, record.id, content, input, Date.now(), app.config.certificates.statusListSize);
  await afterCertificateIssued(app, outcome.certificateId);
  return json(outcome);
});
