// One exercise as the workspace needs it (never hidden tests or solutions).
import { getExerciseView } from '../../../../server/exercises/view.ts';
import { json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const attempt = context.url.searchParams.get('attempt');
  return json(await getExerciseView(app, context.params['id'] ?? '', context.locals.user ?? null, attempt || null));
});
