// The staff's rating of a submitted review's helpfulness: {"assignmentId": "…", "helpfulness": 1 | 2 | 3}.
// The work's staff only (its cohort's instructor or an admin): author and reviewers get 403, anyone else 404.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { HttpError, isRecord, json, readJson } from '../../../../../server/http.ts';
import { rateReview } from '../../../../../server/peer-review/reviews.ts';
import { route } from '../../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const body = await readJson(context.request, 4 * 1024);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {"assignmentId": "…", "helpfulness": 1 | 2 | 3}.');
  const rated = await rateReview(app.db, user, context.params['id'] ?? '', body['assignmentId'], body['helpfulness'], Date.now());
  return json({ id: rated.id, helpfulness: rated.helpfulness });
});
