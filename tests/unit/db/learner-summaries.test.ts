// The per-learner summaries (migration 009) stay equal to what the raw rows say after every kind of
// write: lessons marked and unmarked, submissions graded fail then pass, attempts kept apart.
import { afterEach, describe, expect, it } from 'vitest';
import { createUser } from '../../../src/server/db/users.ts';
import { markLessonDone, unmarkLessonDone } from '../../../src/server/db/progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

const grade = async (db: TempDb['db'], userId: string, exerciseId: string, status: 'pass' | 'fail', at: number, attemptId: string | null = null) => {
  const id = await insertQueuedSubmission(db, { userId, exerciseId, attemptId, files: { 'a.ts': '' }, now: at });
  await completeSubmission(db, id, { status, score: status === 'pass' ? 1 : 0, result: {}, durationMs: 1, failedTests: status === 'fail' ? ['t'] : [], now: at });
};

describe('learner summaries', () => {
  it('track lessons as they are marked and unmarked', async () => {
    temp = await tempDb();
    const { db } = temp;
    const u = await createUser(db, { email: 'a@example.com', name: 'A', passwordHash: 'x' });
    const row = async () => await db.get('SELECT lessons, last_at FROM learner_lessons WHERE user_id = ? AND program = ?', u.id, 'p') as { lessons: string; last_at: number } | undefined;
    await markLessonDone(db, u.id, 'p', 'one', 1000);
    await markLessonDone(db, u.id, 'p', 'two', 3000);
    expect((await row())?.lessons.split('\u001f').sort()).toEqual(['one', 'two']);
    expect((await row())?.last_at).toBe(3000);
    await unmarkLessonDone(db, u.id, 'p', 'two');
    expect(await row()).toEqual({ lessons: 'one', last_at: 1000 });
    await unmarkLessonDone(db, u.id, 'p', 'one');
    expect(await row()).toBeUndefined();
  });

  it('track first try, first pass and tries to pass per exercise, ignoring attempt submissions', async () => {
    temp = await tempDb();
    const { db } = temp;
    const u = await createUser(db, { email: 'b@example.com', name: 'B', passwordHash: 'x' });
    const row = () => db.get('SELECT first_at, pass_at, tries_to_pass FROM learner_exercises WHERE user_id = ? AND exercise_id = ?', u.id, 'ex');
    await grade(db, u.id, 'ex', 'fail', 100);
    expect(await row()).toEqual({ first_at: 100, pass_at: null, tries_to_pass: null });
    await grade(db, u.id, 'ex', 'fail', 200);
    await grade(db, u.id, 'ex', 'pass', 300);
    await grade(db, u.id, 'ex', 'pass', 400);
    expect(await row()).toEqual({ first_at: 100, pass_at: 300, tries_to_pass: 3 });
    await db.run("INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at) VALUES ('att', ?, 'p', '{}', 'open', 0, 1)", u.id);
    await grade(db, u.id, 'other', 'pass', 50, 'att');
    expect(await db.get('SELECT COUNT(*) AS n FROM learner_exercises WHERE exercise_id = ?', 'other')).toEqual({ n: 0 });
  });
});
