// HTML form sign-out: ends the session and returns home.
import { endSession, route } from '../server/route.ts';

export const POST = route(async (context, app) => {
  await endSession(context, app);
  return context.redirect('/', 303);
});
