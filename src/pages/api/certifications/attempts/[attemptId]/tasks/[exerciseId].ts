// A practical task inside a certification attempt: graded by the same sandbox, stored against the
// attempt, at most certification.json's attempts.submissionsPerTask graded submissions per task (409
// once used up); the attempt's best score per task counts when it is submitted. The response shows
// what a candidate may see (feedback.ts) and the task's remaining submissions.
import { requireUser } from '../../../../../../server/auth/roles.ts';
import { submissionLimit } from '../../../../../../server/exercises/allowance.ts';
import { openExercise } from '../../../../../../server/exercises/view.ts';
import { gradeSubmission, submissionOf } from '../../../../../../server/exercises/submit.ts';
import { json, readJson } from '../../../../../../server/http.ts';
import { route } from '../../../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const { exercise, attempt, variant } = await openExercise(app, context.params['exerciseId'] ?? '', user, context.params['attemptId'] ?? '');
  const submission = submissionOf(await readJson(context.request));
  const target = { exercise, variant, attempt: { id: attempt.id, limit: await submissionLimit(attempt) } };
  return json(await gradeSubmission(app, user, target, submission, context.request.signal));
});
