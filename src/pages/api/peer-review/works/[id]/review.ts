// The asker's own review of a work: PUT saves a draft {"points": {criterionId: points}, "comment": "…"}
// (either may be left out), POST submits it (every criterion scored, an overall comment; what is left
// out comes from the draft). Its assigned reviewer only: the author and unassigned staff get 403, anyone else 404.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { HttpError, isRecord, json, readOptionalJson } from '../../../../../server/http.ts';
import { requireOwnReview } from '../../../../../server/peer-review/access.ts';
import { saveReview, submitReview } from '../../../../../server/peer-review/reviews.ts';
import { reviewContextOf } from '../../../../../server/peer-review/rubric.ts';
import { route } from '../../../../../server/route.ts';

const EXPECTED = '{"points": {criterionId: points}, "comment": "…"}';

async function input(request: Request): Promise<{ points?: unknown; comment?: unknown }> {
  const body = (await readOptionalJson(request, 16 * 1024, EXPECTED)) ?? {};
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', `Send ${EXPECTED}.`);
  return { ...('points' in body ? { points: body['points'] } : {}), ...('comment' in body ? { comment: body['comment'] } : {}) };
}

const review = (save: typeof saveReview) =>
  route(async (context, app) => {
    const user = requireUser(context.locals.user);
    const { work } = await requireOwnReview(app.db, user, context.params['id'] ?? '');
    const { rubric } = await reviewContextOf(app.db, work);
    const saved = await save(app.db, user, work.id, rubric, await input(context.request), Date.now());
    return json({ id: saved.id, status: saved.status, points: saved.points, comment: saved.comment, submittedAt: saved.submittedAt === null ? null : new Date(saved.submittedAt).toISOString() });
  });

export const PUT = review(saveReview);
export const POST = review(submitReview);
