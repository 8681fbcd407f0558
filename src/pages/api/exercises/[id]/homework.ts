// The signed-in learner's own homework for an exercise that is homework: when it is due, where it
// stands and their instructor's reviews (server/homework/learner-view.ts). Never anyone else's.
import { requireUser } from '../../../../server/auth/roles.ts';
import { getExercise } from '../../../../server/content/catalog.ts';
import { isHomework } from '../../../../server/homework/rules.ts';
import { learnerHomework } from '../../../../server/homework/learner-view.ts';
import { HttpError, json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const exercise = await getExercise(context.params['id'] ?? '');
  if (!exercise || !isHomework(exercise)) throw new HttpError(404, 'not_found', 'No such homework.');
  return json(await learnerHomework(app.db, user.id, exercise));
});
