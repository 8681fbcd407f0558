// "Run tests" on the server: the visible tests only, in the same sandbox; nothing stored or credited.
import { requireUser } from '../../../../server/auth/roles.ts';
import { requireExerciseAccess } from '../../../../server/exercises/view.ts';
import { runVisibleTests, submittedFiles } from '../../../../server/exercises/submit.ts';
import { json, readJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const id = context.params['id'] ?? '';
  const attempt = context.url.searchParams.get('attempt');
  await requireExerciseAccess(app, id, user, attempt || null);
  const files = submittedFiles(await readJson(context.request));
  return json(await runVisibleTests(app, user, id, files, context.request.signal));
});
