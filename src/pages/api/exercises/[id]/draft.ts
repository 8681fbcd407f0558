// The signed-in learner's server-side draft (the browser keeps a local copy first).
import { requireUser } from '../../../../server/auth/roles.ts';
import { deleteDraft, getDraft, saveDraft } from '../../../../server/db/drafts.ts';
import { consume } from '../../../../server/auth/rate-limit.ts';
import { requireStorage } from '../../../../server/storage-quota.ts';
import { draftKey, requireExerciseAccess } from '../../../../server/exercises/view.ts';
import { HttpError, isRecord, json, readJson } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';
import { MAX_SUBMISSION_BYTES } from '../../../../server/grader/submission.ts';
import { submittablePaths } from '../../../../lib/contracts/submission.ts';

export const PUT = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const id = context.params['id'] ?? '';
  const attempt = context.url.searchParams.get('attempt') || null;
  const exercise = await requireExerciseAccess(app, id, user, attempt);
  const body = await readJson(context.request, MAX_SUBMISSION_BYTES + 16 * 1024);
  const files = isRecord(body) ? body['files'] : undefined;
  if (!isRecord(files)) throw new HttpError(400, 'invalid_input', 'Send {files: {path: text}}.');
  const allowed = submittablePaths(exercise);
  const clean: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (!allowed.includes(path)) throw new HttpError(400, 'invalid_input', `"${path}" is not an editable file of this exercise.`);
    if (typeof text !== 'string') throw new HttpError(400, 'invalid_input', `The content of "${path}" must be text.`);
    clean[path] = text;
  }
  const limit = await consume(app.db, { bucket: 'draft', limit: app.config.limits.draftSavesPerMinute, windowMs: 60_000 }, user.id);
  if (!limit.ok) {
    throw new HttpError(429, 'rate_limited', `Drafts are saved at most ${app.config.limits.draftSavesPerMinute} times a minute; your editor keeps a copy meanwhile.`, {
      headers: { 'retry-after': String(limit.retryAfterSeconds) },
    });
  }
  const key = draftKey(id, attempt);
  const previous = await getDraft(app.db, user.id, key);
  const bytes = (files: Record<string, string>): number => Buffer.byteLength(JSON.stringify(files));
  await requireStorage(app, user.id, bytes(clean) - (previous ? bytes(previous.files) : 0));
  const savedAt = await saveDraft(app.db, user.id, key, clean);
  return json({ savedAt: new Date(savedAt).toISOString() });
});

export const DELETE = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const id = context.params['id'] ?? '';
  const attempt = context.url.searchParams.get('attempt') || null;
  await requireExerciseAccess(app, id, user, attempt);
  await deleteDraft(app.db, user.id, draftKey(id, attempt));
  return json({ ok: true });
});
