// The holder's Open Badges 3.0 credential as a VC-JWT (holder, or their instructor / an admin).
import { credentialJwt } from '../../../../server/certificates/artefacts.ts';
import { requireCertificateReader } from '../../../../server/certificates/manage.ts';
import { route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const record = await requireCertificateReader(app.db, context.params['id'] ?? '', context.locals.user ?? null);
  return new Response(await credentialJwt(app, record), {
    headers: {
      'content-type': 'application/vc+jwt',
      'content-disposition': `attachment; filename="practicum-${record.program}-${record.id}.jwt"`,
      'cache-control': 'private, no-store',
    },
  });
});
