// Wraps request handlers so every failure becomes a proper answer, never a stack trace: route() for
// API routes (JSON errors), page() for pages (a sign-in redirect or an HTML error page).
import type { APIContext, APIRoute, AstroGlobal } from 'astro';
import { getApp, type App } from './app.ts';
import { htmlErrorResponse } from './error-page.ts';
import { errorResponse, HttpError } from './http.ts';
import { signInPath } from './redirects.ts';
import { clientAddressOf } from './client-address.ts';

/** What both API routes (APIContext) and pages (Astro global) offer for sessions. */
export type RequestContext = Pick<APIContext, 'cookies' | 'clientAddress' | 'locals' | 'request'>;

export function route(handler: (context: APIContext, app: App) => Promise<Response> | Response): APIRoute {
  return async (context) => {
    try {
      return await handler(context, await getApp());
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** What page() needs of a page's Astro global. */
export type PageContext = Pick<AstroGlobal, 'url' | 'request' | 'redirect'>;

/** A page data function's answer to a form post that succeeded: go to `location` (303 See Other). */
export class SeeOther {
  readonly location: string;
  constructor(location: string) {
    this.location = location;
  }
}

/**
 * Runs a page's data function. A 401 sends the visitor to sign in and back to this page; any other
 * HttpError becomes the HTML error page with its status and message; a SeeOther becomes its
 * redirect. The page renders the data, or returns the Response:
 *
 *     const data = await page(Astro, (app) => learnerPage(app.db, Astro.locals.user, …));
 *     if (data instanceof Response) return data;
 *
 * Anything else thrown goes on to the middleware, which answers 500 (or 507 when storage is full).
 */
export async function page<T>(astro: PageContext, load: (app: App) => Promise<T> | T, given?: App): Promise<Exclude<T, SeeOther> | Response> {
  const app = given ?? (await getApp());
  try {
    const data = await load(app);
    if (data instanceof SeeOther) return astro.redirect(data.location, 303);
    return data as Exclude<T, SeeOther>;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (error.status === 401) {
      // A form post cannot be replayed: after signing in the visitor comes back to the page itself (303 = GET).
      const status = astro.request.method === 'GET' || astro.request.method === 'HEAD' ? 302 : 303;
      return astro.redirect(signInPath(astro.url.pathname + astro.url.search, app.config.publicOrigin), status);
    }
    return htmlErrorResponse(error.status, error.message, error.headers);
  }
}

/** A stable key for per-client rate limits: the client's address, through the deployment's own proxies. */
export function clientKey(context: RequestContext, app: App): string {
  let socket: string;
  try {
    socket = context.clientAddress;
  } catch {
    socket = 'unknown';
  }
  return clientAddressOf(socket, context.request.headers.get('x-forwarded-for'), app.config.trustedProxyHops);
}

export async function startSession(context: RequestContext, app: App, userId: string): Promise<void> {
  const session = await app.auth.createSession(userId, {});
  const cookie = app.auth.createSessionCookie(session.id);
  context.cookies.set(cookie.name, cookie.value, cookie.attributes);
}

export async function endSession(context: RequestContext, app: App): Promise<void> {
  if (context.locals.session) await app.auth.invalidateSession(context.locals.session.id);
  const cookie = app.auth.createBlankSessionCookie();
  context.cookies.set(cookie.name, cookie.value, cookie.attributes);
}
