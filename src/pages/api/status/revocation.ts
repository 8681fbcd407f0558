// The published W3C Bitstring Status List (purpose: revocation) every credential's credentialStatus points at.
import { revocationListJwt } from '../../../server/certificates/artefacts.ts';
import { route } from '../../../server/route.ts';

export const GET = route(async (_context, app) =>
  new Response(await revocationListJwt(app), {
    headers: { 'content-type': 'application/vc+jwt', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' },
  }),
);
