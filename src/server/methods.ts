// Which HTTP methods the platform answers, decided in one place: the middleware (every route Astro
// serves) and `npm start`'s front server (methods such as TRACE that Node accepts but the Fetch API
// cannot even represent as a Request) both refuse the rest with 405 and an Allow header.
import { errorFor } from './error-page.ts';
import { HttpError } from './http.ts';

export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Methods some route answers; everything else (TRACE, CONNECT, OPTIONS, made-up ones) is 405. */
export const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', ...UNSAFE_METHODS]);
/** Pages (not API or file routes) only render (GET/HEAD) and take form posts (POST). */
export const PAGE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** Routes that are endpoints rather than pages: the API and files (a .pdf, .csv, .json). */
export function isEndpointPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/.well-known/') || /\.[a-z]+$/.test(pathname) || pathname === '/logout' || pathname === '/issuer';
}

/** The methods `pathname` may be asked with. */
export function allowedMethods(pathname: string): ReadonlySet<string> {
  return isEndpointPath(pathname) ? KNOWN_METHODS : PAGE_METHODS;
}

export function methodNotAllowed(pathname: string, allowed: ReadonlySet<string> = allowedMethods(pathname)): Response {
  return errorFor(pathname, new HttpError(405, 'method_not_allowed', 'This address does not accept that kind of request.', { headers: { allow: [...allowed].join(', ') } }));
}
