// Cross-site request defence: a state-changing request must carry an Origin equal to PUBLIC_ORIGIN. The
// expected origin is never derived from the request (Host header): under DNS rebinding a hostile page's
// Host and Origin agree with each other, but not with the configured public origin.
export function sameOrigin(request: Request, publicOrigin: string): boolean {
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  return origin === publicOrigin;
}
