// Response headers every page and API answer carries, set in this one place (the middleware calls
// it). The page's script-src and style-src come from Astro's build-time CSP (astro.config.mjs), which
// hashes the scripts Astro emits; what a <meta> CSP cannot express (frame-ancestors) is sent here.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // No site may frame Practicum (clickjacking on the exam and the instructor pages).
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Adds the security headers a response does not already set. */
export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!headers.has(name)) headers.set(name, value);
  }
}
