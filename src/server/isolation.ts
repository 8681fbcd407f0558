// Cross-origin isolation (needed for SharedArrayBuffer, hence for WebContainer) is set in this one
// place and only for exercise pages and the assets they load: isolating every page would break
// nothing today but would make any future third-party embed on a lesson fail silently.
const ISOLATED_PAGE = /^\/exercises\/[^/]+\/?$/;

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

export function needsIsolation(pathname: string): boolean {
  return ISOLATED_PAGE.test(pathname);
}

/** Same-origin resources must say they may be embedded by an isolated page. */
export function applyIsolation(pathname: string, headers: Headers): void {
  if (needsIsolation(pathname)) {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  }
  if (!headers.has('cross-origin-resource-policy')) headers.set('cross-origin-resource-policy', 'same-origin');
}
