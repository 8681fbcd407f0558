// One flagged pair as JSON: GET gives both submissions' compared files with the matched line ranges;
// PUT {"reviewed": true | false, "note": "…"} records the instructor's review. The cohort's
// instructor or an admin only; a pair of another cohort is 404.
import { json, readJson } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';
import { pairView, requirePair, reviewPair } from '../../../../../server/similarity/pages.ts';

export const GET = route(async (context, app) => {
  const view = await pairView(app, context.locals.user, context.params['id'] ?? '', context.params['pair'] ?? '');
  const files = (side: typeof view.a) => Object.fromEntries(side.files.map((f) => [f.path, f.lines.map((l) => l.text).join('\n')]));
  return json({
    task: view.task,
    pair: view.pair,
    advisory: true,
    fragments: view.fragments,
    a: { learner: view.a.learner, submissionId: view.a.submissionId, files: files(view.a) },
    b: { learner: view.b.learner, submissionId: view.b.submissionId, files: files(view.b) },
  });
});

export const PUT = route(async (context, app) => {
  const cohortId = context.params['id'] ?? '';
  const pairId = context.params['pair'] ?? '';
  // Refused before the body is read when the caller may not see the pair.
  await requirePair(app, context.locals.user, cohortId, pairId);
  await reviewPair(app, context.locals.user, cohortId, pairId, await readJson(context.request, 8 * 1024));
  return json((await pairView(app, context.locals.user, cohortId, pairId)).pair);
});
