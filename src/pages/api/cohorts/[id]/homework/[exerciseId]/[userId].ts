// One learner's homework in a cohort, for the cohort's staff (its instructor or an admin): GET the
// submissions (?submission= picks one; the latest by default) with its files, checks and every review;
// POST {"submissionId", "verdict": "accepted" | "needs-work", "feedback"} records a review (201).
// Anyone else: 404 for an unknown cohort, 403 for a cohort that is not theirs, 404 for a learner who
// is not in it (server/homework/access.ts).
import { requireUser } from '../../../../../../server/auth/roles.ts';
import { requireHomeworkExercise, requireHomeworkStaff } from '../../../../../../server/homework/access.ts';
import { loadHomeworkReview } from '../../../../../../server/homework/review-page.ts';
import { parseHomeworkReview, reviewHomework } from '../../../../../../server/homework/review.ts';
import { HttpError, isRecord, json, readJson } from '../../../../../../server/http.ts';
import { route } from '../../../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const { id = '', exerciseId = '', userId = '' } = context.params;
  return json(await loadHomeworkReview(app, user, id, exerciseId, userId, context.url.searchParams.get('submission')));
});

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const { id = '', exerciseId = '', userId = '' } = context.params;
  const { cohort, learner } = await requireHomeworkStaff(app.db, user, id, userId);
  const exercise = await requireHomeworkExercise(exerciseId, cohort.program);
  const body = await readJson(context.request, 32 * 1024);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {"submissionId": "…", "verdict": "accepted" | "needs-work", "feedback": "…"}.');
  const input = parseHomeworkReview({ submissionId: body['submissionId'], verdict: body['verdict'], feedback: body['feedback'] });
  return json({ review: await reviewHomework(app.db, user, cohort, learner, exercise, input) }, 201);
});
