// The live counts of a cohort session's facilitator view (lib/contracts/session-progress.ts): learners who
// started, passed and are stuck on each exercise of the session's agenda, and the certification in an
// assessment block. The cohort's instructor or an admin only; polled by the open page.
import { loadSessionProgress } from '../../../../../../server/cohorts/facilitator.ts';
import { json } from '../../../../../../server/http.ts';
import { route } from '../../../../../../server/route.ts';

export const GET = route(async (context, app) => json(await loadSessionProgress(app, context.locals.user, context.params['id'] ?? '', context.params['session'] ?? '')));
