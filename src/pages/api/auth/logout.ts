import { json } from '../../../server/http.ts';
import { endSession, route } from '../../../server/route.ts';

export const POST = route(async (context, app) => {
  await endSession(context, app);
  return json({ ok: true });
});
