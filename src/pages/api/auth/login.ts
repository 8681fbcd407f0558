import { logInWithSession } from '../../../server/auth/flows.ts';
import { isRecord, json, readJson, HttpError } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

export const POST = route(async (context, app) => {
  const body = await readJson(context.request);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {email, password}.');
  const user = await logInWithSession(context, app, { email: body['email'], password: body['password'] });
  return json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } });
});
