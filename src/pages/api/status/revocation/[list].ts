// Revocation status lists started after the first one filled (list 1 is /api/status/revocation).
import { revocationListJwt } from '../../../../server/certificates/artefacts.ts';
import { HttpError } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const raw = context.params['list'] ?? '';
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new HttpError(404, 'not_found', 'Status lists are numbered 1, 2, 3, …');
  return new Response(await revocationListJwt(app, Number(raw)), {
    headers: { 'content-type': 'application/vc+jwt', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' },
  });
});
