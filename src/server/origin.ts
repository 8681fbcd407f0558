// Cross-site request defence: a state-changing request must carry an Origin equal to ours.
export function sameOrigin(request: Request, url: URL, publicOrigin: string): boolean {
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  return origin === url.origin || origin === publicOrigin;
}
