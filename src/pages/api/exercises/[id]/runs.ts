// "Run tests" on the server: the visible tests only, in the same sandbox; nothing stored or credited.
// Code reviews have no tests to run (400).
import { requireUser } from '../../../../server/auth/roles.ts';
import { openExercise } from '../../../../server/exercises/view.ts';
import { runVisibleTests, submissionOf } from '../../../../server/exercises/submit.ts';
import { json, readJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const attempt = context.url.searchParams.get('attempt');
  const opened = await openExercise(app, context.params['id'] ?? '', user, attempt || null);
  const submission = submissionOf(await readJson(context.request));
  return json(await runVisibleTests(app, user, opened, submission, context.request.signal));
});
