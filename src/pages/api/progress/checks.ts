// Records an inline "check your understanding" answer. Progress only: never counted for certification.
import { requireUser } from '../../../server/auth/roles.ts';
import { getOutline } from '../../../server/content/catalog.ts';
import { recordCheckAnswer } from '../../../server/db/progress.ts';
import { HttpError, isRecord, json, readJson } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const body = await readJson(context.request, 4096);
  if (
    !isRecord(body) ||
    typeof body['program'] !== 'string' ||
    typeof body['lesson'] !== 'string' ||
    typeof body['checkId'] !== 'string' ||
    typeof body['correct'] !== 'boolean' ||
    body['checkId'].length > 100
  ) {
    throw new HttpError(400, 'invalid_input', 'Send {program, lesson, checkId, correct}.');
  }
  const outline = await getOutline(body['program']);
  if (!outline?.lessons.some((l) => l.slug === body['lesson'])) throw new HttpError(404, 'not_found', 'No such lesson.');
  recordCheckAnswer(app.db, { userId: user.id, program: body['program'], lesson: body['lesson'], checkId: body['checkId'], correct: body['correct'] });
  return json({ ok: true });
});
