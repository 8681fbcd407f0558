// Editor drafts (one per learner and exercise) and records of "show solution" use.
import type { Db } from './open.ts';

export function saveDraft(db: Db, userId: string, exerciseId: string, files: Record<string, string>, now = Date.now()): number {
  db.prepare(
    `INSERT INTO drafts (user_id, exercise_id, files, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, exercise_id) DO UPDATE SET files = excluded.files, updated_at = excluded.updated_at`,
  ).run(userId, exerciseId, JSON.stringify(files), now);
  return now;
}

export function getDraft(db: Db, userId: string, exerciseId: string): { files: Record<string, string>; updatedAt: number } | null {
  const row = db.prepare('SELECT files, updated_at FROM drafts WHERE user_id = ? AND exercise_id = ?').get(userId, exerciseId) as
    | { files: string; updated_at: number }
    | undefined;
  return row ? { files: JSON.parse(row.files) as Record<string, string>, updatedAt: row.updated_at } : null;
}

export function deleteDraft(db: Db, userId: string, exerciseId: string): void {
  db.prepare('DELETE FROM drafts WHERE user_id = ? AND exercise_id = ?').run(userId, exerciseId);
}

export function recordSolutionView(db: Db, userId: string, exerciseId: string, now = Date.now()): void {
  db.prepare('INSERT OR IGNORE INTO solution_views (user_id, exercise_id, viewed_at) VALUES (?, ?, ?)').run(userId, exerciseId, now);
}

/** Every solution the user opened, first opened first. */
export function solutionViewsOf(db: Db, userId: string): { exerciseId: string; viewedAt: number }[] {
  return (db.prepare('SELECT exercise_id, viewed_at FROM solution_views WHERE user_id = ? ORDER BY viewed_at').all(userId) as { exercise_id: string; viewed_at: number }[]).map((r) => ({
    exerciseId: r.exercise_id,
    viewedAt: r.viewed_at,
  }));
}

export function hasViewedSolution(db: Db, userId: string, exerciseId: string): boolean {
  return db.prepare('SELECT 1 FROM solution_views WHERE user_id = ? AND exercise_id = ?').get(userId, exerciseId) !== undefined;
}
