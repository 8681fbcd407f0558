// Which address a request comes from, for the per-address limits (sign-up, sign-in, certificate
// look-ups). Without proxies it is the connection's. Behind TRUSTED_PROXY_HOPS reverse proxies of the
// deployment's own (README "Running on several machines"), every connection comes from the nearest
// proxy, which lists the addresses it saw in X-Forwarded-For; each proxy appends the one it was
// connected from. So the client is the entry `hops` places from the right of that list followed by
// the connection's address: a client can prepend anything it likes, never push the entry its first
// trusted proxy wrote. The web nodes must then be reachable only through those proxies.

/** The client's address, as trusted: `forwardedFor` is the request's X-Forwarded-For header, if any. */
export function clientAddressOf(socketAddress: string, forwardedFor: string | null, trustedProxyHops: number): string {
  if (trustedProxyHops <= 0) return socketAddress;
  const seen = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  const chain = [...seen, socketAddress];
  // fewer entries than proxies: the request skipped a proxy; the leftmost is the best there is
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)] ?? socketAddress;
}
