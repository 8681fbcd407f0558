// One issuer public key at its own URL, the JOSE `kid` of every credential it signs: Open Badges 3.0
// verifiers dereference the `kid` and read kty/n/e from the bare JWK they get (RFC 7517 media type).
import { publicKeyByThumbprint } from '../../../server/certificates/artefacts.ts';
import { HttpError } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

export const GET = route(async (context, app) => {
  const thumbprint = context.params['thumbprint'] ?? '';
  if (!THUMBPRINT.test(thumbprint)) throw new HttpError(404, 'not_found', 'Keys are named by their RFC 7638 SHA-256 thumbprint (43 base64url characters); see /.well-known/jwks.json.');
  return new Response(JSON.stringify(await publicKeyByThumbprint(app, thumbprint)), {
    headers: { 'content-type': 'application/jwk+json', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
});
