// One file of a case study, as plain text, for its candidate and its staff only (404 for anyone else,
// and for a name it does not hold). Never rendered as HTML: text/plain with nosniff.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { requireCaseStudyReader } from '../../../../../server/assessment/case-study-access.ts';
import { HttpError } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const record = await requireCaseStudyReader(app.db, user, context.params['id'] ?? '');
  const name = context.params['name'] ?? '';
  const text = Object.hasOwn(record.files, name) ? record.files[name] : undefined;
  if (text === undefined) throw new HttpError(404, 'not_found', 'The case study has no such file.');
  return new Response(text, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
    },
  });
});
