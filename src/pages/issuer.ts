// The issuer Profile every credential names as its `issuer.id` (Open Badges 3.0).
import { issuerProfile } from '../server/certificates/vc-jwt.ts';
import { json } from '../server/http.ts';
import { route } from '../server/route.ts';

export const GET = route((_context, app) => json(issuerProfile(app.config.publicOrigin), 200, { 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' }));
