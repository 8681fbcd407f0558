import { logIn } from '../../../server/auth/accounts.ts';
import { isRecord, json, readJson, HttpError } from '../../../server/http.ts';
import { clientKey, route, startSession } from '../../../server/route.ts';

export const POST = route(async (context, app) => {
  const body = await readJson(context.request);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {email, password}.');
  const user = await logIn(app, { email: body['email'], password: body['password'] }, clientKey(context));
  await startSession(context, app, user.id);
  return json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } });
});
