// Re-issues a certificate (e.g. after a name correction): a new id, the old one revoked as superseded.
import { requireUser } from '../../../../server/auth/roles.ts';
import { reissueManaged } from '../../../../server/certificates/manage.ts';
import { json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const fresh = await reissueManaged(app.db, user, context.params['id'] ?? '', Date.now(), app.config.certificates);
  return json({ id: fresh.id, verifyUrl: `${app.config.publicOrigin}/verify/${fresh.id}` }, 201);
});
