// Marks a lesson done (or not) for the signed-in learner.
import { requireUser } from '../../../server/auth/roles.ts';
import { getOutline } from '../../../server/content/catalog.ts';
import { markLessonDone, unmarkLessonDone } from '../../../server/db/progress.ts';
import { HttpError, isRecord, json, readJson } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const body = await readJson(context.request, 4096);
  if (!isRecord(body) || typeof body['program'] !== 'string' || typeof body['lesson'] !== 'string') {
    throw new HttpError(400, 'invalid_input', 'Send {program, lesson, done?}.');
  }
  const outline = await getOutline(body['program']);
  if (!outline?.lessons.some((l) => l.slug === body['lesson'])) throw new HttpError(404, 'not_found', 'No such lesson.');
  if (body['done'] === false) await unmarkLessonDone(app.db, user.id, body['program'], body['lesson']);
  else await markLessonDone(app.db, user.id, body['program'], body['lesson']);
  return json({ ok: true });
});
