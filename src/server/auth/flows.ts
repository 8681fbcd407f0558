// Sign-up followed by a fresh session, shared by the JSON route and the HTML form.
import type { App } from '../app.ts';
import { signUp, type SignUpInput } from './accounts.ts';
import { clientKey, startSession, type RequestContext } from '../route.ts';
import type { User } from '../db/users.ts';

export async function logInAfterSignUp(context: RequestContext, app: App, input: SignUpInput): Promise<User> {
  const user = await signUp(app, input, clientKey(context));
  await startSession(context, app, user.id);
  return user;
}
