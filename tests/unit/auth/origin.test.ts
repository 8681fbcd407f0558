// The cross-site check compares Origin with PUBLIC_ORIGIN only: a Host header that agrees with a hostile
// Origin (DNS rebinding) gains nothing.
import { describe, expect, it } from 'vitest';
import { sameOrigin } from '../../../src/server/origin.ts';

const PUBLIC = 'https://practicum.example';
const post = (headers: Record<string, string>) => new Request('http://evil.example:4321/api/auth/login', { method: 'POST', headers });

describe('sameOrigin', () => {
  it('accepts only the public origin', () => {
    expect(sameOrigin(post({ origin: PUBLIC }), PUBLIC)).toBe(true);
  });

  it.each([
    ['missing', {}],
    ['"null"', { origin: 'null' }],
    ['the request URL\'s own origin (from Host)', { origin: 'http://evil.example:4321', host: 'evil.example:4321' }],
    ['another scheme', { origin: 'http://practicum.example' }],
    ['another port', { origin: 'https://practicum.example:8443' }],
    ['a suffix trick', { origin: 'https://practicum.example.evil.example' }],
  ])('refuses an Origin that is %s', (_label, headers) => {
    expect(sameOrigin(post(headers), PUBLIC)).toBe(false);
  });
});
