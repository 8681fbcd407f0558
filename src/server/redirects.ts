// Post-login redirects only ever go to a path on this site. `next` comes from the address bar or a form
// field, so it is hostile until proven otherwise: browsers ignore tabs and newlines in URLs and read "\"
// as "/", so "/\t/evil.example" or "/\evil.example" become "//evil.example", another site. Rather than
// list tricks, anything odd is refused and the rest is resolved against PUBLIC_ORIGIN exactly as a
// browser would; only a result on that origin is used, and then only its path, query and fragment.
export const MAX_NEXT_LENGTH = 2048;

// C0 and C1 control characters, DEL, backslash; bidirectional controls and line/paragraph separators.
const ODD = /[\u0000-\u001F\u007F-\u009F\\\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** The percent-decoded text, or null when it does not decode (a malformed escape is refused, not guessed at). */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Where a sign-in lands when no page asked for it: learners on their progress, instructors and admins on their cohorts. */
export function landingPath(role: string): string {
  return role === 'instructor' || role === 'admin' ? '/cohorts' : '/me';
}

/** The sign-in page, which returns to `target` (the path, query and fragment of a page on this site) afterwards. */
export function signInPath(target: string, publicOrigin: string): string {
  return `/login?next=${encodeURIComponent(safeNext(target, publicOrigin))}`;
}

/** A same-origin path (with query and fragment) for `raw`, or `fallback`. */
export function safeNext(raw: string | null | undefined, publicOrigin: string, fallback = '/me'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_NEXT_LENGTH) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || ODD.test(raw)) return fallback;
  // Encoded tricks ("/%2F/evil", "/%5Cevil", "/%09/evil") are refused too, in case anything decodes before use.
  const plain = decoded(raw);
  if (plain === null || ODD.test(plain) || plain.startsWith('//')) return fallback;
  let url: URL;
  let origin: string;
  try {
    origin = new URL(publicOrigin).origin;
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse to a leading "//" ("/.//evil" resolves to the path "//evil").
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}
