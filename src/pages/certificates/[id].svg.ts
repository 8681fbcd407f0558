// The baked badge for its holder (or their instructor / an admin): the certificate's badge with the
// signed Open Badges 3.0 credential inside (<openbadges:credential verify="…">), for backpacks and wallets.
import { bakedBadgeSvg } from '../../server/certificates/badge.ts';
import { svgResponse } from '../../server/certificates/badge-response.ts';
import { requireCertificateReader } from '../../server/certificates/manage.ts';
import { route } from '../../server/route.ts';

export const GET = route(async (context, app) => {
  const record = await requireCertificateReader(app.db, context.params['id'] ?? '', context.locals.user ?? null);
  return svgResponse(await bakedBadgeSvg(app, record), {
    'content-disposition': `attachment; filename="practicum-badge-${record.id}.svg"`,
    'cache-control': 'private, no-store',
  }, 'holder');
});
