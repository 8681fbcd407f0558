// End-of-program feedback rows: one per learner and program, with the 1–5 ratings and the open
// answers keyed by program.json's question ids. What a valid form is, and when it opens, lives in
// server/feedback/program-feedback.ts.
import type { Db } from './open.ts';

export interface ProgramFeedbackEntry {
  ratings: Readonly<Record<string, number>>;
  answers: Readonly<Record<string, string>>;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  ratings: string;
  answers: string;
  created_at: number;
  updated_at: number;
}

const toEntry = (r: Row): ProgramFeedbackEntry => ({
  ratings: JSON.parse(r.ratings) as Record<string, number>,
  answers: JSON.parse(r.answers) as Record<string, string>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Saves (or replaces) the learner's form; the first submission's time is kept. */
export async function saveProgramFeedback(
  db: Db,
  input: { userId: string; program: string; ratings: Readonly<Record<string, number>>; answers: Readonly<Record<string, string>>; now?: number },
): Promise<void> {
  const now = input.now ?? Date.now();
  await db.run(`INSERT INTO program_feedback (user_id, program, ratings, answers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, program) DO UPDATE SET ratings = excluded.ratings, answers = excluded.answers, updated_at = excluded.updated_at`, input.userId, input.program, JSON.stringify(input.ratings), JSON.stringify(input.answers), now, now);
}

export async function programFeedbackOf(db: Db, userId: string, program: string): Promise<ProgramFeedbackEntry | null> {
  const row = await db.get('SELECT ratings, answers, created_at, updated_at FROM program_feedback WHERE user_id = ? AND program = ?', userId, program) as Row | undefined;
  return row ? toEntry(row) : null;
}

/** The forms of a cohort's members for its program, oldest first (no names: the instructor sees answers, not who gave them). */
export async function cohortProgramFeedback(db: Db, cohortId: string, program: string): Promise<ProgramFeedbackEntry[]> {
  const rows = await db.all(`SELECT f.ratings, f.answers, f.created_at, f.updated_at FROM program_feedback f
       JOIN cohort_members m ON m.user_id = f.user_id AND m.cohort_id = ?
       WHERE f.program = ? ORDER BY f.updated_at, f.user_id`, cohortId, program) as Row[];
  return rows.map(toEntry);
}
