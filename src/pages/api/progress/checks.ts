// Records a learner's answer to an inline "check your understanding" question: the chosen option,
// judged here against the lesson's own key (the browser only says which option it chose). Progress
// only: never counted for certification, since the keys are public in the page.
import { requireUser } from '../../../server/auth/roles.ts';
import { getLessonChecks, getOutline } from '../../../server/content/catalog.ts';
import { recordCheckAnswer } from '../../../server/db/progress.ts';
import { HttpError, isRecord, json, readJson } from '../../../server/http.ts';
import { route } from '../../../server/route.ts';

const FIELDS = ['program', 'lesson', 'checkId', 'option'];
const USAGE = 'Send {program, lesson, checkId, option}: three names and the index (0, 1, …) of the chosen option.';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const body = await readJson(context.request, 4096);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', USAGE);
  const unknown = Object.keys(body).filter((k) => !FIELDS.includes(k));
  if (unknown.length) throw new HttpError(400, 'invalid_input', `Unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}. ${USAGE}`);
  const { program, lesson, checkId, option } = body;
  if (
    typeof program !== 'string' ||
    typeof lesson !== 'string' ||
    typeof checkId !== 'string' ||
    program.length > 100 ||
    lesson.length > 100 ||
    checkId.length > 100
  ) {
    throw new HttpError(400, 'invalid_input', USAGE);
  }
  if (typeof option !== 'number' || !Number.isInteger(option)) throw new HttpError(400, 'invalid_input', `"option" must be an integer. ${USAGE}`);
  const outline = await getOutline(program);
  const checks = outline?.lessons.some((l) => l.slug === lesson) ? await getLessonChecks(program, lesson) : null;
  if (!checks) throw new HttpError(404, 'not_found', `No lesson "${lesson}" in program "${program}".`);
  const check = checks.get(checkId);
  if (!check) throw new HttpError(400, 'unknown_check', `Lesson "${lesson}" has no check "${checkId}".`);
  const chosen = check.options[option];
  if (chosen === undefined) {
    throw new HttpError(400, 'unknown_option', `Check "${checkId}" has options 0 to ${check.options.length - 1}; got ${option}.`);
  }
  const correct = option === check.answer;
  await recordCheckAnswer(app.db, { userId: user.id, program, lesson, checkId, chosen, correct });
  return json({ correct });
});
