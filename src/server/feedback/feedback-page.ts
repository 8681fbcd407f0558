// The learner's session feedback page: one form per session of the program, filled in with what
// they sent before, and the outcome of a posted form; beside them, where the end-of-program form
// stands (program-feedback-page.ts).
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { getProgram } from '../content/catalog.ts';
import { feedbackGiven, type Ratings } from '../db/feedback.ts';
import type { Db } from '../db/open.ts';
import { HttpError, readForm } from '../http.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { submitSessionFeedback } from './session-feedback.ts';
import { programFeedbackOf, programFeedbackOpening } from './program-feedback.ts';
import { programFeedbackContent, programFeedbackPath } from './program-feedback-page.ts';

export interface FeedbackPage {
  program: Program;
  status: number;
  error: string | null;
  /** The session whose feedback was just saved. */
  saved: number | null;
  given: Map<number, { ratings: Ratings; comment: string }>;
  /** The end-of-program form, when the program has one: whether it is open for the learner, when it opens, when they sent it. */
  programForm: { href: string; open: boolean; opensAt: number | null; sentAt: number | null } | null;
}

export async function feedbackPage(db: Db, viewer: SessionUser | null, programId: string, request: Request, now = Date.now()): Promise<FeedbackPage> {
  const program = await getProgram(programId);
  if (!program) throw new HttpError(404, 'not_found', 'No such program.');
  const user = requireUser(viewer);
  let error: string | null = null;
  let saved: number | null = null;
  let status = 200;
  if (request.method === 'POST') {
    try {
      saved = await submitSessionFeedback(db, user.id, program, await readForm(request), now);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      error = e.message;
      status = e.status;
    }
  }
  const content = await programFeedbackContent(program.id);
  const opening = content ? await programFeedbackOpening(db, user.id, content, now) : null;
  const programForm = opening
    ? { href: programFeedbackPath(program.id), open: opening.open, opensAt: opening.open ? null : opening.opensAt, sentAt: (await programFeedbackOf(db, user.id, program.id))?.updatedAt ?? null }
    : null;
  return { program, status, error, saved, given: await feedbackGiven(db, user.id, program.id), programForm };
}
