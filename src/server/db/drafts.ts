// Editor drafts (one per learner and exercise) and records of "show solution" use.
import type { Db } from './open.ts';

export async function saveDraft(db: Db, userId: string, exerciseId: string, files: Record<string, string>, now = Date.now()): Promise<number> {
  await db.run(`INSERT INTO drafts (user_id, exercise_id, files, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, exercise_id) DO UPDATE SET files = excluded.files, updated_at = excluded.updated_at`, userId, exerciseId, JSON.stringify(files), now);
  return now;
}

export async function getDraft(db: Db, userId: string, exerciseId: string): Promise<{ files: Record<string, string>; updatedAt: number } | null> {
  const row = await db.get('SELECT files, updated_at FROM drafts WHERE user_id = ? AND exercise_id = ?', userId, exerciseId) as
    | { files: string; updated_at: number }
    | undefined;
  return row ? { files: JSON.parse(row.files) as Record<string, string>, updatedAt: row.updated_at } : null;
}

export async function deleteDraft(db: Db, userId: string, exerciseId: string): Promise<void> {
  await db.run('DELETE FROM drafts WHERE user_id = ? AND exercise_id = ?', userId, exerciseId);
}

export async function recordSolutionView(db: Db, userId: string, exerciseId: string, now = Date.now()): Promise<void> {
  await db.run('INSERT INTO solution_views (user_id, exercise_id, viewed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', userId, exerciseId, now);
}

/** Every solution the user opened, first opened first. */
export async function solutionViewsOf(db: Db, userId: string): Promise<{ exerciseId: string; viewedAt: number }[]> {
  return (await db.all('SELECT exercise_id, viewed_at FROM solution_views WHERE user_id = ? ORDER BY viewed_at', userId) as { exercise_id: string; viewed_at: number }[]).map((r) => ({
    exerciseId: r.exercise_id,
    viewedAt: r.viewed_at,
  }));
}

export async function hasViewedSolution(db: Db, userId: string, exerciseId: string): Promise<boolean> {
  return await db.get('SELECT 1 FROM solution_views WHERE user_id = ? AND exercise_id = ?', userId, exerciseId) !== undefined;
}
