// Revokes a certificate with a reason (instructor of the learner's cohort, or admin); audited.
import { requireUser } from '../../../../server/auth/roles.ts';
import { parseReason, revokeManaged } from '../../../../server/certificates/manage.ts';
import { isRecord, json, readJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const body = await readJson(context.request, 4096);
  const record = await revokeManaged(app.db, user, context.params['id'] ?? '', parseReason(isRecord(body) ? body['reason'] : undefined), Date.now(), app.config.certificates);
  return json({ id: record.id, revokedAt: new Date(record.revokedAt ?? Date.now()).toISOString(), reason: record.revokedReason });
});
