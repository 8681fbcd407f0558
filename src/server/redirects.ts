// Post-login redirects only ever go to a path on this site.
export function safeNext(raw: string | null | undefined, fallback = '/me'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  return raw;
}
