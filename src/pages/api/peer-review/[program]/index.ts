// A learner's final-project peer review in a program: GET where it stands (their project, the reviews
// assigned to them); POST sends their latest passing submission for review (201). Signed-in learners only
// see and send their own.
import { requireUser } from '../../../../server/auth/roles.ts';
import { json } from '../../../../server/http.ts';
import { peerReviewLearnerPage } from '../../../../server/peer-review/learner-page.ts';
import { requirePeerReviewSettings } from '../../../../server/peer-review/rubric.ts';
import { sendForReview } from '../../../../server/peer-review/rounds.ts';
import { workPath } from '../../../../server/peer-review/work-page.ts';
import { route, SeeOther } from '../../../../server/route.ts';

export const GET = route(async (context, app) => {
  const data = await peerReviewLearnerPage(app, context.locals.user, context.params['program'] ?? '', new Request(context.url));
  if (data instanceof SeeOther) throw new Error('a GET never redirects');
  const { status: _status, error: _error, notice: _notice, ...state } = data;
  return json(state);
});

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const program = context.params['program'] ?? '';
  const { settings } = await requirePeerReviewSettings(program);
  const work = await sendForReview(app.db, user, program, settings, Date.now());
  return json({ id: work.id, href: workPath(work.id), sentAt: new Date(work.createdAt).toISOString(), files: Object.keys(work.files).sort() }, 201);
});
