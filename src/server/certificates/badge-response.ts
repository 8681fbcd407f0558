// How badge images are answered: SVG with a policy that lets the image style itself and nothing
// else, should someone open it as a document. Public badges (achievement.image, issuer.image, the
// credential's image) may be shown by any site, as wallets and profiles do; a holder's baked badge
// is their own download, not for other sites to load.
import { SVG_CONTENT_TYPE } from './badge.ts';

export function svgResponse(svg: string, headers: Record<string, string>, audience: 'public' | 'holder' = 'public'): Response {
  return new Response(svg, {
    headers: {
      'content-type': SVG_CONTENT_TYPE,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      ...(audience === 'public' ? { 'cross-origin-resource-policy': 'cross-origin', 'access-control-allow-origin': '*' } : {}),
      ...headers,
    },
  });
}
