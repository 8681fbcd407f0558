// What a failed request gets back: JSON {error: {code, message}} for API and file routes, a small
// readable HTML page for pages. Statuses come from HttpError; anything else is a 500 whose details
// stay in the server log, never in the response.
import { errorResponse, HttpError, isDiskFull, STORAGE_FULL } from './http.ts';

/** Routes answered with JSON (or files) rather than HTML pages. */
function wantsJson(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/.well-known/') || /\.[a-z]+$/.test(pathname);
}

const TITLES: Record<number, string> = {
  400: 'That request could not be understood',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Not allowed here',
  409: 'That cannot be done right now',
  413: 'Too large',
  415: 'Unsupported form',
  429: 'Too many requests',
  500: 'Something went wrong',
  507: 'Storage is full',
  503: 'Please try again shortly',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained HTML error page (no scripts, so it passes any Content-Security-Policy). */
export function htmlErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  const title = TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title ?? 'Error')} · Practicum</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328}a{color:#0b5cad}</style></head><body><main><h1>${escapeHtml(title ?? 'Error')}</h1><p>${escapeHtml(message)}</p><p><a href="/">Go to the start page</a></p></main></body></html>`;
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** The response for an error thrown while handling a request to `pathname`. */
export function errorFor(pathname: string, error: unknown): Response {
  if (wantsJson(pathname)) return errorResponse(error);
  if (isDiskFull(error)) error = STORAGE_FULL();
  if (error instanceof HttpError) return htmlErrorResponse(error.status, error.message, error.headers);
  console.error('[practicum] unexpected error', error);
  return htmlErrorResponse(500, 'Something went wrong on our side. Please try again.');
}
