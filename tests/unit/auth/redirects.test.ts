// Post-login `next` values: hostile inputs fall back, same-origin paths survive as the browser would read them.
import { describe, expect, it } from 'vitest';
import { MAX_NEXT_LENGTH, safeNext } from '../../../src/server/redirects.ts';

const ORIGIN = 'https://practicum.example';
const FALLBACK = '/me';

describe('safeNext refuses', () => {
  it.each([
    ['a tab (browsers drop it: "//evil")', '/\t/evil.example'],
    ['a tab, as it arrives from %2F%09%2Fevil.example', decodeURIComponent('%2F%09%2Fevil.example')],
    ['a line feed', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['CR LF header injection', '/ok\r\nSet-Cookie: x=1'],
    ['a NUL', '/\u0000/evil.example'],
    ['a C1 control', '/\u0085/evil.example'],
    ['slash backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['backslash slash', '\\/evil.example'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/me'],
    ['three slashes', '///evil.example'],
    ['encoded slash after slash', '/%2F/evil.example'],
    ['encoded slash, lower case', '/%2f%2fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['encoded newline', '/%0A/evil.example'],
    ['double-encoded is not decoded twice, but a malformed escape is refused', '/%E0%A4%A'],
    ['dot segments collapsing to //', '/.//evil.example'],
    ['dot-dot segments collapsing to //', '/a/..//evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['an absolute URL on our host with another scheme', 'http://practicum.example/me'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: behind a slash-less path', 'javascript://%0aalert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'me'],
    ['a scheme-relative lookalike with spaces', ' //evil.example'],
    ['a right-to-left override', '/\u202Eelpmaxe.live'],
    ['a line separator', '/\u2028/evil.example'],
    ['the empty string', ''],
    ['very long input', `/${'a'.repeat(MAX_NEXT_LENGTH)}`],
    ['very long hostile input', `/\t/${'evil'.repeat(100_000)}`],
  ])('%s', (_label, raw) => {
    expect(safeNext(raw, ORIGIN)).toBe(FALLBACK);
  });

  it('null, undefined and a custom fallback', () => {
    expect(safeNext(null, ORIGIN)).toBe(FALLBACK);
    expect(safeNext(undefined, ORIGIN, '/programs')).toBe('/programs');
    expect(safeNext('//evil.example', ORIGIN, '/programs')).toBe('/programs');
  });
});

describe('safeNext keeps', () => {
  it.each([
    ['/me', '/me'],
    ['/programs/clean-timestamp', '/programs/clean-timestamp'],
    ['/exercises/x?tab=tests#results', '/exercises/x?tab=tests#results'],
    ['/a/./b/../c', '/a/c'],
    ['/search?q=a b', '/search?q=a%20b'],
    ['/caf\u00e9', '/caf%C3%A9'],
    ['/path%20with%20spaces', '/path%20with%20spaces'],
    ['/?next=//evil.example', '/?next=//evil.example'],
  ])('%s as %s', (raw, expected) => {
    expect(safeNext(raw, ORIGIN)).toBe(expected);
  });

  it('every kept value is a path on the public origin when a browser resolves it', () => {
    for (const raw of ['/me', '/a/./b/../c', '/?next=//evil.example', '/caf\u00e9']) {
      expect(new URL(safeNext(raw, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
