// Lesson completion marks and inline check answers (with the chosen option), per user.
import type { Db } from './open.ts';

export function markLessonDone(db: Db, userId: string, program: string, lesson: string, now = Date.now()): void {
  db.prepare('INSERT OR IGNORE INTO lesson_progress (user_id, program, lesson, completed_at) VALUES (?, ?, ?, ?)').run(
    userId,
    program,
    lesson,
    now,
  );
}

export function unmarkLessonDone(db: Db, userId: string, program: string, lesson: string): void {
  db.prepare('DELETE FROM lesson_progress WHERE user_id = ? AND program = ? AND lesson = ?').run(userId, program, lesson);
}

export function completedLessons(db: Db, userId: string, program: string): Set<string> {
  const rows = db.prepare('SELECT lesson FROM lesson_progress WHERE user_id = ? AND program = ?').all(userId, program) as {
    lesson: string;
  }[];
  return new Set(rows.map((r) => r.lesson));
}

/**
 * Records a learner's answer to an inline check (the latest answer wins). `chosen` is the chosen
 * option's text (see migration 012); `correct` is decided by the caller from the lesson's key.
 */
export function recordCheckAnswer(
  db: Db,
  input: { userId: string; program: string; lesson: string; checkId: string; chosen: string; correct: boolean; now?: number },
): void {
  db.prepare(
    `INSERT INTO check_answers (user_id, program, lesson, check_id, chosen, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, program, lesson, check_id) DO UPDATE SET chosen = excluded.chosen, correct = excluded.correct, answered_at = excluded.answered_at`,
  ).run(input.userId, input.program, input.lesson, input.checkId, input.chosen, input.correct ? 1 : 0, input.now ?? Date.now());
}

/** The option text a learner last chose for one check of a lesson, or null when there is none. */
export function chosenCheckOption(db: Db, userId: string, program: string, lesson: string, checkId: string): string | null {
  const row = db
    .prepare('SELECT chosen FROM check_answers WHERE user_id = ? AND program = ? AND lesson = ? AND check_id = ?')
    .get(userId, program, lesson, checkId) as { chosen: string | null } | undefined;
  return row?.chosen ?? null;
}
