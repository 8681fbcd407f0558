// Runs before every route: method allow-list, origin check on state-changing requests, then the
// session (sliding expiry); after the route, isolation and security headers. Anything a route throws
// becomes a proper status (HTML page or JSON error), never a stack trace or a bare 500.
import type { APIContext, MiddlewareNext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { getApp } from './server/app.ts';
import { touchUserActivity } from './server/db/users.ts';
import { errorFor } from './server/error-page.ts';
import { HttpError } from './server/http.ts';
import { applyIsolation } from './server/isolation.ts';
import { allowedMethods, methodNotAllowed, UNSAFE_METHODS } from './server/methods.ts';
import { sameOrigin } from './server/origin.ts';
import { applySecurityHeaders } from './server/security-headers.ts';
import { consume } from './server/auth/rate-limit.ts';
import { balanceReserveFile } from './server/disk-space.ts';

/** Requests a signed-in account may always make, whatever its write budget: leaving. */
const UNLIMITED_WRITES = new Set(['/logout', '/api/auth/logout']);

function withHeaders(pathname: string, response: Response): Response {
  const apply = (headers: Headers): void => {
    applyIsolation(pathname, headers);
    applySecurityHeaders(headers);
  };
  try {
    apply(response.headers);
    return response;
  } catch {
    // Some responses (Response.redirect) carry immutable headers: copy them into a new response.
    const copy = new Response(response.body, response);
    apply(copy.headers);
    return copy;
  }
}


export const onRequest = defineMiddleware(async (context, next) => {
  const pathname = context.url.pathname;
  let response: Response;
  try {
    response = await handle(context, next);
  } catch (error) {
    response = errorFor(pathname, error);
  }
  // Storage ran short: if the disk is really full, the reserve file goes so sign-ins keep working.
  if (response.status === 507) {
    const { dataDir, limits } = (await getApp()).config;
    try {
      balanceReserveFile(dataDir, limits.disk);
    } catch (error) {
      console.error('[practicum] could not check the disk reserve', error);
    }
  }
  return withHeaders(pathname, response);
});

async function handle(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const app = await getApp();
  const pathname = context.url.pathname;
  const method = context.request.method;
  context.locals.user = null;
  context.locals.session = null;

  if (!allowedMethods(pathname).has(method)) return methodNotAllowed(pathname);

  if (UNSAFE_METHODS.has(method) && !sameOrigin(context.request, app.config.publicOrigin)) {
    throw new HttpError(403, 'bad_origin', 'This request did not come from a Practicum page (missing or foreign Origin header).');
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
      await touchUserActivity(app.db, user.id);
    }
  }
  if (UNSAFE_METHODS.has(method) && context.locals.user && !UNLIMITED_WRITES.has(pathname)) {
    const limit = await consume(app.db, { bucket: 'write', limit: app.config.limits.writesPerMinute, windowMs: 60_000 }, context.locals.user.id);
    if (!limit.ok) {
      throw new HttpError(429, 'rate_limited', `You have sent ${app.config.limits.writesPerMinute} changes in a minute, the most one account may; wait ${limit.retryAfterSeconds} s.`, {
        headers: { 'retry-after': String(limit.retryAfterSeconds) },
      });
    }
  }
  const response = await next();
  // Astro answers an endpoint without a handler for the method with an empty 404 or 405: say so in JSON.
  if ((response.status === 405 || response.status === 404) && pathname.startsWith('/api/') && !response.headers.get('content-type')) {
    return response.status === 405 ? methodNotAllowed(pathname) : errorFor(pathname, new HttpError(404, 'not_found', 'No such address.'));
  }
  return response;
}
