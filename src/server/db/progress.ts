// Lesson completion marks and inline check answers (with the chosen option), per user.
import type { Db } from './open.ts';

export async function markLessonDone(db: Db, userId: string, program: string, lesson: string, now = Date.now()): Promise<void> {
  await db.run('INSERT INTO lesson_progress (user_id, program, lesson, completed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', userId,
    program,
    lesson,
    now);
}

export async function unmarkLessonDone(db: Db, userId: string, program: string, lesson: string): Promise<void> {
  await db.run('DELETE FROM lesson_progress WHERE user_id = ? AND program = ? AND lesson = ?', userId, program, lesson);
}

export async function completedLessons(db: Db, userId: string, program: string): Promise<Set<string>> {
  const rows = await db.all('SELECT lesson FROM lesson_progress WHERE user_id = ? AND program = ?', userId, program) as {
    lesson: string;
  }[];
  return new Set(rows.map((r) => r.lesson));
}

/**
 * Records a learner's answer to an inline check (the latest answer wins). `chosen` is the chosen
 * option's text (see migration 012); `correct` is decided by the caller from the lesson's key.
 */
export async function recordCheckAnswer(
  db: Db,
  input: { userId: string; program: string; lesson: string; checkId: string; chosen: string; correct: boolean; now?: number },
): Promise<void> {
  await db.run(`INSERT INTO check_answers (user_id, program, lesson, check_id, chosen, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, program, lesson, check_id) DO UPDATE SET chosen = excluded.chosen, correct = excluded.correct, answered_at = excluded.answered_at`, input.userId, input.program, input.lesson, input.checkId, input.chosen, input.correct ? 1 : 0, input.now ?? Date.now());
}

/** The option text a learner last chose for one check of a lesson, or null when there is none. */
export async function chosenCheckOption(db: Db, userId: string, program: string, lesson: string, checkId: string): Promise<string | null> {
  const row = await db.get('SELECT chosen FROM check_answers WHERE user_id = ? AND program = ? AND lesson = ? AND check_id = ?', userId, program, lesson, checkId) as { chosen: string | null } | undefined;
  return row?.chosen ?? null;
}
