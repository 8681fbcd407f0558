// A lesson's inline check as a signed-in learner left it: which option they last chose, so the
// page renders the question answered (feedback shown) instead of fresh.
import type { SessionUser } from '../auth/roles.ts';
import type { Db } from '../db/open.ts';
import { chosenCheckOption } from '../db/progress.ts';

export interface CheckState {
  /** Index of the option chosen last, or -1 (signed out, never answered, or the option's text changed since). */
  chosen: number;
  state: 'right' | 'wrong' | undefined;
}

export async function checkState(
  db: Db,
  viewer: SessionUser | null,
  where: { program: string | undefined; lesson: string | undefined; checkId: string },
  check: { options: readonly string[]; answer: number },
): Promise<CheckState> {
  const { program, lesson, checkId } = where;
  const saved = viewer && program && lesson ? await chosenCheckOption(db, viewer.id, program, lesson, checkId) : null;
  // A choice whose text is no longer an option (the lesson was edited since) shows as unanswered.
  const chosen = saved === null ? -1 : check.options.indexOf(saved);
  return { chosen, state: chosen < 0 ? undefined : chosen === check.answer ? 'right' : 'wrong' };
}
