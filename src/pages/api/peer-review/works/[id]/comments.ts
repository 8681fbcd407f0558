// Adds a comment anchored to a line of the work: {"file": "src/task.ts", "line": 12, "body": "…"}; 201
// with the comment. The file must be one of the work's and the line within it (400 otherwise). Its
// assigned reviewer only, while the review is open.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { HttpError, isRecord, json, readJson } from '../../../../../server/http.ts';
import { addLineComment } from '../../../../../server/peer-review/reviews.ts';
import { route } from '../../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const body = await readJson(context.request, 16 * 1024);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {"file": "…", "line": 12, "body": "…"}.');
  const comment = await addLineComment(app.db, user, context.params['id'] ?? '', { file: body['file'], line: body['line'], body: body['body'] }, Date.now());
  return json({ id: comment.id, file: comment.file, line: comment.line, body: comment.body }, 201);
});
