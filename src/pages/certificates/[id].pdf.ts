// The certificate PDF for its holder (or their instructor / an admin); rendered once, then from disk.
import { certificatePdf } from '../../server/certificates/artefacts.ts';
import { requireCertificateReader } from '../../server/certificates/manage.ts';
import { route } from '../../server/route.ts';

export const GET = route(async (context, app) => {
  const record = await requireCertificateReader(app.db, context.params['id'] ?? '', context.locals.user ?? null);
  const bytes = await certificatePdf(app, record);
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="practicum-certificate-${record.id}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
});
