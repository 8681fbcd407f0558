// Practice submission: graded by the sandboxed grader against the hidden suite, stored, credited.
import { requireUser } from '../../../../server/auth/roles.ts';
import { requireExerciseAccess } from '../../../../server/exercises/view.ts';
import { gradeSubmission, submissionOf } from '../../../../server/exercises/submit.ts';
import { json, readJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const exercise = await requireExerciseAccess(app, context.params['id'] ?? '', user, null);
  const submission = submissionOf(await readJson(context.request));
  return json(await gradeSubmission(app, user, { exercise, attempt: null, variant: null }, submission, context.request.signal));
});
