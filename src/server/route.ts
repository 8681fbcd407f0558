// Wraps an API handler so every failure becomes a JSON error with the right status, never a stack trace.
import type { APIContext, APIRoute } from 'astro';

/** What both API routes (APIContext) and pages (Astro global) offer for sessions. */
export type RequestContext = Pick<APIContext, 'cookies' | 'clientAddress' | 'locals'>;
import { getApp, type App } from './app.ts';
import { errorResponse } from './http.ts';

export function route(handler: (context: APIContext, app: App) => Promise<Response> | Response): APIRoute {
  return async (context) => {
    try {
      return await handler(context, getApp());
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A stable key for per-client rate limits. */
export function clientKey(context: RequestContext): string {
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
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
