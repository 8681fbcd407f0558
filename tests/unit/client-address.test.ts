// The address per-address limits key on, behind none, one or two proxies of the deployment's own:
// whatever a client writes into X-Forwarded-For, it cannot choose the entry its first trusted proxy adds.
import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../src/server/client-address.ts';
import { loadConfig } from '../../src/server/config.ts';

describe('clientAddressOf', () => {
  it('is the connection’s address when no proxy is trusted, whatever the header says', () => {
    expect(clientAddressOf('203.0.113.7', null, 0)).toBe('203.0.113.7');
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
  });

  it('is the address the one trusted proxy saw, not one the client forged before it', () => {
    // nginx connects from 10.0.0.2 and appends the client's 203.0.113.7
    expect(clientAddressOf('10.0.0.2', '203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.2', '1.2.3.4, 5.6.7.8 ,203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('counts hops from the right through two proxies', () => {
    // CDN saw 203.0.113.7 and connected to nginx from 192.0.2.10; nginx connects from 10.0.0.2
    expect(clientAddressOf('10.0.0.2', 'forged, 203.0.113.7, 192.0.2.10', 2)).toBe('203.0.113.7');
  });

  it('falls back to the leftmost address when a request came through fewer proxies than trusted', () => {
    expect(clientAddressOf('10.0.0.2', null, 1)).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', '203.0.113.7', 3)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.2', ' , ', 1)).toBe('10.0.0.2');
  });
});

describe('TRUSTED_PROXY_HOPS', () => {
  it('defaults to none and refuses anything but a whole number', () => {
    expect(loadConfig({}).trustedProxyHops).toBe(0);
    expect(loadConfig({ TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
    expect(() => loadConfig({ TRUSTED_PROXY_HOPS: 'yes' })).toThrow(/TRUSTED_PROXY_HOPS must be a whole number/);
    expect(() => loadConfig({ TRUSTED_PROXY_HOPS: '-1' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
