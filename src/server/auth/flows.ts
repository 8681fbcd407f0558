// Sign-in and sign-up followed by a fresh session and the known-browser cookie (devices.ts), shared by
// the JSON routes and the HTML forms.
import type { App } from '../app.ts';
import { logIn, signUp, type SignUpInput } from './accounts.ts';
import { DEVICE_COOKIE, rememberDevice } from './devices.ts';
import { clientKey, startSession, type RequestContext } from '../route.ts';
import type { User } from '../db/users.ts';

async function rememberBrowser(context: RequestContext, app: App, userId: string): Promise<void> {
  const token = await rememberDevice(app.db, context.cookies.get(DEVICE_COOKIE)?.value, userId);
  context.cookies.set(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
    path: '/',
    maxAge: Math.floor(app.config.auth.deviceTrustMs / 1000),
  });
}

export async function logInWithSession(context: RequestContext, app: App, input: { email: unknown; password: unknown }): Promise<User> {
  const user = await logIn(app, input, { address: clientKey(context, app), deviceToken: context.cookies.get(DEVICE_COOKIE)?.value });
  await startSession(context, app, user.id);
  await rememberBrowser(context, app, user.id);
  return user;
}

export async function logInAfterSignUp(context: RequestContext, app: App, input: SignUpInput): Promise<User> {
  const user = await signUp(app, input, clientKey(context, app));
  await startSession(context, app, user.id);
  await rememberBrowser(context, app, user.id);
  return user;
}
