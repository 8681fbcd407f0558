// A cohort's final-project peer review for its instructor (or an admin) as JSON: every project sent,
// its reviewers and their state, who has not sent theirs, and each reviewer's record.
import { peerReviewCohortPage } from '../../../../server/peer-review/cohort-page.ts';
import { json } from '../../../../server/http.ts';
import { route, SeeOther } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const data = await peerReviewCohortPage(app, context.locals.user, context.params['id'] ?? '', new Request(context.url));
  if (data instanceof SeeOther) throw new Error('a GET never redirects');
  const { status: _status, error: _error, ...overview } = data;
  return json(overview);
});
