// Public JSON verification of a certificate (same facts as /verify/<id>), readable from any site
// (CORS, like the JWKS and the status lists), errors included, so a verifier's page can show them.
import type { APIRoute } from 'astro';
import { lookupCertificate } from '../../../../server/certificates/lookup.ts';
import { certificateContent } from '../../../../server/certificates/content.ts';
import { publicCertificate } from '../../../../server/certificates/public-view.ts';
import { json } from '../../../../server/http.ts';
import { clientKey, route } from '../../../../server/route.ts';
import { PUBLIC_READ_CORS } from '../../../../server/verify-fast-path.ts';

const answer = route(async (context, app) => {
  const record = await lookupCertificate(app, context.params['id'] ?? '', clientKey(context, app));
  return json(publicCertificate(record, await certificateContent(record.program), app.config.publicOrigin), 200, { 'cache-control': 'no-cache' });
});

export const GET: APIRoute = async (context) => {
  const response = await answer(context);
  for (const [name, value] of Object.entries(PUBLIC_READ_CORS)) response.headers.set(name, value);
  return response;
};
