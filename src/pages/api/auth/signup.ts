import { logInAfterSignUp } from '../../../server/auth/flows.ts';
import { isRecord, json, readJson, HttpError } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

export const POST = route(async (context, app) => {
  const body = await readJson(context.request);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {email, password, name, cohortCode?}.');
  const user = await logInAfterSignUp(context, app, body);
  return json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } }, 201);
});
