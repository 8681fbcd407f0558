// The per-learner summaries (migration 009) stay equal to what the raw rows say after every kind of
// write: lessons marked and unmarked, submissions graded fail then pass, attempts kept apart.
import { afterEach, describe, expect, it } from 'vitest';
import { createUser } from '../../../src/server/db/users.ts';
import { markLessonDone, unmarkLessonDone } from '../../../src/server/db/progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

const grade = (db: TempDb['db'], userId: string, exerciseId: string, status: 'pass' | 'fail', at: number, attemptId: string | null = null) => {
  const id = insertQueuedSubmission(db, { userId, exerciseId, attemptId, files: { 'a.ts': '' }, now: at });
  completeSubmission(db, id, { status, score: status === 'pass' ? 1 : 0, result: {}, durationMs: 1, failedTests: status === 'fail' ? ['t'] : [], now: at });
};

describe('learner summaries', () => {
  it('track lessons as they are marked and unmarked', () => {
    temp = tempDb();
    const { db } = temp;
    const u = createUser(db, { email: 'a@example.com', name: 'A', passwordHash: 'x' });
    const row = () => db.prepare('SELECT lessons, last_at FROM learner_lessons WHERE user_id = ? AND program = ?').get(u.id, 'p') as { lessons: string; last_at: number } | undefined;
    markLessonDone(db, u.id, 'p', 'one', 1000);
    markLessonDone(db, u.id, 'p', 'two', 3000);
    expect(row()?.lessons.split('\u001f').sort()).toEqual(['one', 'two']);
    expect(row()?.last_at).toBe(3000);
    unmarkLessonDone(db, u.id, 'p', 'two');
    expect(row()).toEqual({ lessons: 'one', last_at: 1000 });
    unmarkLessonDone(db, u.id, 'p', 'one');
    expect(row()).toBeUndefined();
  });

  it('track first try, first pass and tries to pass per exercise, ignoring attempt submissions', () => {
    temp = tempDb();
    const { db } = temp;
    const u = createUser(db, { email: 'b@example.com', name: 'B', passwordHash: 'x' });
    const row = () => db.prepare('SELECT first_at, pass_at, tries_to_pass FROM learner_exercises WHERE user_id = ? AND exercise_id = ?').get(u.id, 'ex');
    grade(db, u.id, 'ex', 'fail', 100);
    expect(row()).toEqual({ first_at: 100, pass_at: null, tries_to_pass: null });
    grade(db, u.id, 'ex', 'fail', 200);
    grade(db, u.id, 'ex', 'pass', 300);
    grade(db, u.id, 'ex', 'pass', 400);
    expect(row()).toEqual({ first_at: 100, pass_at: 300, tries_to_pass: 3 });
    db.prepare("INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at) VALUES ('att', ?, 'p', '{}', 'open', 0, 1)").run(u.id);
    grade(db, u.id, 'other', 'pass', 50, 'att');
    expect(db.prepare('SELECT COUNT(*) AS n FROM learner_exercises WHERE exercise_id = ?').get('other')).toEqual({ n: 0 });
  });
});
