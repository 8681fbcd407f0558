// Public JSON verification of a certificate (same facts as /verify/<id>).
import { lookupCertificate } from '../../../../server/certificates/lookup.ts';
import { certificateContent } from '../../../../server/certificates/content.ts';
import { publicCertificate } from '../../../../server/certificates/public-view.ts';
import { json } from '../../../../server/http.ts';
import { clientKey, route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const record = lookupCertificate(app, context.params['id'] ?? '', clientKey(context));
  return json(publicCertificate(record, await certificateContent(record.program), app.config.publicOrigin), 200, { 'cache-control': 'no-cache' });
});
