// Session feedback forms (the training plan's evaluation): five 1–5 ratings and a free-text
// suggestion, one per session per learner, which the learner may change later.
import { saveFeedback, type Ratings } from '../db/feedback.ts';
import type { Db } from '../db/open.ts';
import { HttpError } from '../http.ts';
import type { Program } from '../../lib/schemas/program.ts';

export const RATING_QUESTIONS = [
  { id: 'content', label: 'Content quality and clarity' },
  { id: 'pace', label: 'Pace and timing' },
  { id: 'exercises', label: 'Hands-on exercise effectiveness' },
  { id: 'instruction', label: 'Instructor / material knowledge and teaching' },
  { id: 'overall', label: 'Overall session satisfaction' },
] as const;

export const MAX_FEEDBACK_COMMENT = 4000;

export function parseRatings(input: (id: string) => unknown): Ratings {
  const ratings: Record<string, number> = {};
  for (const q of RATING_QUESTIONS) {
    const value = Number(input(q.id));
    if (!Number.isInteger(value) || value < 1 || value > 5) {
      throw new HttpError(400, 'invalid_rating', `Rate “${q.label}” from 1 to 5.`, { details: { field: q.id } });
    }
    ratings[q.id] = value;
  }
  return ratings;
}

/** Validates one session's form (session of the program, every rating, the comment's length) and saves it. */
export async function submitSessionFeedback(db: Db, userId: string, program: Program, form: URLSearchParams, now = Date.now()): Promise<number> {
  const session = Number(form.get('session'));
  if (!program.sessions.some((s) => s.number === session)) throw new HttpError(400, 'invalid_session', 'Choose a session.');
  const ratings = parseRatings((id) => form.get(id));
  const comment = form.get('comment') ?? '';
  if (comment.length > MAX_FEEDBACK_COMMENT) {
    throw new HttpError(400, 'comment_too_long', 'Keep the suggestion under 4,000 characters.', { details: { field: 'comment' } });
  }
  await saveFeedback(db, { userId, program: program.id, session, ratings, comment, now });
  return session;
}
