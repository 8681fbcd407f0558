// Runs before every route: origin check on state-changing requests, then the session (sliding expiry).
import { defineMiddleware } from 'astro:middleware';
import { getApp } from './server/app.ts';
import { touchUserActivity } from './server/db/users.ts';
import { errorResponse, HttpError } from './server/http.ts';
import { applyIsolation } from './server/isolation.ts';
import { sameOrigin } from './server/origin.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const onRequest = defineMiddleware(async (context, next) => {
  const app = getApp();
  context.locals.user = null;
  context.locals.session = null;

  if (UNSAFE.has(context.request.method) && !sameOrigin(context.request, context.url, app.config.publicOrigin)) {
    return errorResponse(
      new HttpError(403, 'bad_origin', 'This request did not come from a Practicum page (missing or foreign Origin header).'),
    );
  }

  const sessionId = context.cookies.get(app.auth.sessionCookieName)?.value ?? null;
  if (sessionId) {
    const { session, user } = await app.auth.validateSession(sessionId);
    if (session && session.fresh) {
      const cookie = app.auth.createSessionCookie(session.id);
      context.cookies.set(cookie.name, cookie.value, cookie.attributes);
    }
    if (!session) {
      const cookie = app.auth.createBlankSessionCookie();
      context.cookies.set(cookie.name, cookie.value, cookie.attributes);
    }
    if (session && user) {
      context.locals.session = session;
      context.locals.user = { id: user.id, email: user.email, name: user.name, role: user.role };
      touchUserActivity(app.db, user.id);
    }
  }
  const response = await next();
  try {
    applyIsolation(context.url.pathname, response.headers);
    return response;
  } catch {
    // Some responses (Response.redirect) carry immutable headers: copy them into a new response.
    const copy = new Response(response.body, response);
    applyIsolation(context.url.pathname, copy.headers);
    return copy;
  }
});
