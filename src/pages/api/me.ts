import { requireUser } from '../../server/auth/roles.ts';
import { progressSummary } from '../../server/content/summary.ts';
import { json } from '../../server/http.ts';
import { route } from '../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  return json({ user, progress: await progressSummary(app.db, user.id) });
});
