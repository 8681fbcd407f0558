// Where the seeded demo data has homework to look at (the pages tour): the review page of a cohort
// member whose homework the instructor has reviewed, read from a data folder's database.
import { openServerStore } from './server.ts';

export const HOMEWORK_EXERCISE = 's1-homework-entity';

export async function reviewedHomeworkPath(dataDir: string, cohortId: string): Promise<string> {
  const db = await openServerStore(dataDir);
  try {
    const row = await db.get(`SELECT s.user_id FROM homework_reviews r JOIN submissions s ON s.id = r.submission_id
         JOIN cohort_members m ON m.user_id = s.user_id AND m.cohort_id = ?
         WHERE s.exercise_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT 1`, cohortId, HOMEWORK_EXERCISE) as { user_id: string } | undefined;
    if (!row) throw new Error('the seeded cohort has no reviewed homework: scripts/lib/demo-homework.ts should have made some');
    return `/cohorts/${cohortId}/homework/${HOMEWORK_EXERCISE}/${row.user_id}`;
  } finally {
    await db.close();
  }
}
