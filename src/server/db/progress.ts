// Lesson completion marks and inline check answers, per user.
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

export function recordCheckAnswer(
  db: Db,
  input: { userId: string; program: string; lesson: string; checkId: string; correct: boolean; now?: number },
): void {
  db.prepare(
    `INSERT INTO check_answers (user_id, program, lesson, check_id, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, program, lesson, check_id) DO UPDATE SET correct = excluded.correct, answered_at = excluded.answered_at`,
  ).run(input.userId, input.program, input.lesson, input.checkId, input.correct ? 1 : 0, input.now ?? Date.now());
}

export function checkAnswers(db: Db, userId: string, program: string): { lesson: string; checkId: string; correct: boolean }[] {
  const rows = db
    .prepare('SELECT lesson, check_id, correct FROM check_answers WHERE user_id = ? AND program = ?')
    .all(userId, program) as { lesson: string; check_id: string; correct: number }[];
  return rows.map((r) => ({ lesson: r.lesson, checkId: r.check_id, correct: r.correct === 1 }));
}
