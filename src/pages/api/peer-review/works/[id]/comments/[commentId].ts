// Removes one of the asker's own line comments while their review is open.
import { requireUser } from '../../../../../../server/auth/roles.ts';
import { json } from '../../../../../../server/http.ts';
import { removeLineComment } from '../../../../../../server/peer-review/reviews.ts';
import { route } from '../../../../../../server/route.ts';

export const DELETE = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  await removeLineComment(app.db, user, context.params['id'] ?? '', context.params['commentId'] ?? '');
  return json({ removed: true });
});
