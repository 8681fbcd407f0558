// A work under peer review as JSON: for its author (submitted reviews), its reviewers (their own
// review) and its staff (everything); 404 for anyone else.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { json } from '../../../../../server/http.ts';
import { requireWorkAccess } from '../../../../../server/peer-review/access.ts';
import { workJson } from '../../../../../server/peer-review/json.ts';
import { reviewContextOf } from '../../../../../server/peer-review/rubric.ts';
import { route } from '../../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const access = await requireWorkAccess(app.db, user, context.params['id'] ?? '');
  return json(await workJson(app.db, access, await reviewContextOf(app.db, access.work)));
});
