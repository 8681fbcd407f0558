// A certificate's own badge (the credential's image): its level's badge naming the holder. Public, as
// the verify page is, behind the same unknown-id rate limit.
import { certificateBadgeSvg } from '../../../server/certificates/badge.ts';
import { svgResponse } from '../../../server/certificates/badge-response.ts';
import { lookupCertificate } from '../../../server/certificates/lookup.ts';
import { clientKey, route } from '../../../server/route.ts';

export const GET = route(async (context, app) => {
  const record = await lookupCertificate(app, context.params['id'] ?? '', clientKey(context, app));
  return svgResponse(await certificateBadgeSvg(record), { 'cache-control': 'no-cache' });
});
