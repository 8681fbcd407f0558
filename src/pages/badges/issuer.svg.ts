// The issuer's logo: issuer.image of the Profile every credential names.
import { issuerLogoSvg } from '../../server/certificates/badge.ts';
import { svgResponse } from '../../server/certificates/badge-response.ts';
import { route } from '../../server/route.ts';

export const GET = route(() => svgResponse(issuerLogoSvg(), { 'cache-control': 'public, max-age=86400' }));
