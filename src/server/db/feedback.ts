// Session feedback rows: one per learner, program and session, with the ratings and a suggestion.
// What a valid form is lives in server/feedback/session-feedback.ts.
import type { Db } from './open.ts';

/** Rating question id → 1..5. */
export type Ratings = Readonly<Record<string, number>>;

/** Saves (or replaces) the learner's feedback for one session. */
export async function saveFeedback(db: Db, input: { userId: string; program: string; session: number; ratings: Ratings; comment: string; now?: number }): Promise<void> {
  await db.run(`INSERT INTO feedback (user_id, program, session, ratings, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, program, session) DO UPDATE SET ratings = excluded.ratings, comment = excluded.comment, created_at = excluded.created_at`, input.userId, input.program, input.session, JSON.stringify(input.ratings), input.comment.trim(), input.now ?? Date.now());
}

export async function feedbackGiven(db: Db, userId: string, program: string): Promise<Map<number, { ratings: Ratings; comment: string }>> {
  const rows = await db.all('SELECT session, ratings, comment FROM feedback WHERE user_id = ? AND program = ?', userId, program) as {
    session: number;
    ratings: string;
    comment: string;
  }[];
  return new Map(rows.map((r) => [r.session, { ratings: JSON.parse(r.ratings) as Ratings, comment: r.comment }]));
}
