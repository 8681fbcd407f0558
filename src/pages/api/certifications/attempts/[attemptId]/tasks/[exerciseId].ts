// A practical task inside a certification attempt: graded by the same sandbox, stored against the
// attempt; the attempt's best score per task counts when it is submitted.
import { requireUser } from '../../../../../../server/auth/roles.ts';
import { requireExerciseAccess } from '../../../../../../server/exercises/view.ts';
import { gradeSubmission, submittedFiles } from '../../../../../../server/exercises/submit.ts';
import { json, readJson } from '../../../../../../server/http.ts';
import { route } from '../../../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const attemptId = context.params['attemptId'] ?? '';
  const exerciseId = context.params['exerciseId'] ?? '';
  await requireExerciseAccess(app, exerciseId, user, attemptId);
  const files = submittedFiles(await readJson(context.request));
  return json(await gradeSubmission(app, user, exerciseId, files, attemptId, context.request.signal));
});
