// The issuer's public signing keys: verifiers resolve the `kid` of a credential's JWS header here.
import { jwks } from '../../server/certificates/artefacts.ts';
import { json } from '../../server/http.ts';
import { route } from '../../server/route.ts';

export const GET = route(async (_context, app) => json(await jwks(app), 200, { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' }));
