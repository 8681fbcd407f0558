// Session feedback forms (seed 000): five 1–5 ratings and a free-text suggestion, one per session per learner.
import type { Db } from './open.ts';
import { HttpError } from '../http.ts';

export const RATING_QUESTIONS = [
  { id: 'content', label: 'Content quality and clarity' },
  { id: 'pace', label: 'Pace and timing' },
  { id: 'exercises', label: 'Hands-on exercise effectiveness' },
  { id: 'instruction', label: 'Instructor / material knowledge and teaching' },
  { id: 'overall', label: 'Overall session satisfaction' },
] as const;

export type Ratings = Record<(typeof RATING_QUESTIONS)[number]['id'], number>;

export function parseRatings(input: (id: string) => unknown): Ratings {
  const ratings = {} as Ratings;
  for (const q of RATING_QUESTIONS) {
    const value = Number(input(q.id));
    if (!Number.isInteger(value) || value < 1 || value > 5) {
      throw new HttpError(400, 'invalid_rating', `Rate “${q.label}” from 1 to 5.`, { details: { field: q.id } });
    }
    ratings[q.id] = value;
  }
  return ratings;
}

/** Saves (or replaces) the learner's feedback for one session. */
export function saveFeedback(db: Db, input: { userId: string; program: string; session: number; ratings: Ratings; comment: string; now?: number }): void {
  if (input.comment.length > 4000) throw new HttpError(400, 'comment_too_long', 'Keep the suggestion under 4,000 characters.', { details: { field: 'comment' } });
  db.prepare(
    `INSERT INTO feedback (user_id, program, session, ratings, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, program, session) DO UPDATE SET ratings = excluded.ratings, comment = excluded.comment, created_at = excluded.created_at`,
  ).run(input.userId, input.program, input.session, JSON.stringify(input.ratings), input.comment.trim(), input.now ?? Date.now());
}

export function feedbackGiven(db: Db, userId: string, program: string): Map<number, { ratings: Ratings; comment: string }> {
  const rows = db.prepare('SELECT session, ratings, comment FROM feedback WHERE user_id = ? AND program = ?').all(userId, program) as {
    session: number;
    ratings: string;
    comment: string;
  }[];
  return new Map(rows.map((r) => [r.session, { ratings: JSON.parse(r.ratings) as Ratings, comment: r.comment }]));
}
