// Inline check answers in real SQLite: the chosen option is kept with each answer (migration 012),
// the latest answer wins, and answers stored before the migration keep working without a choice.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { chosenCheckOption, recordCheckAnswer } from '../../../src/server/db/progress.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

/** Every stored answer of a learner in a program, as the table holds it. */
async function storedAnswers(db: TempDb['db'], userId: string, program: string) {
  const rows = await db.all('SELECT lesson, check_id, chosen, correct FROM check_answers WHERE user_id = ? AND program = ?', userId, program) as { lesson: string; check_id: string; chosen: string | null; correct: number }[];
  return rows.map((r) => ({ lesson: r.lesson, checkId: r.check_id, chosen: r.chosen, correct: r.correct === 1 }));
}

describe('check answers', () => {
  it('keep the chosen option; a new answer replaces the old one', async () => {
    temp = await tempDb();
    const { db } = temp;
    const u = await createUser(db, { email: 'a@example.com', name: 'A', passwordHash: 'x' });
    expect(await chosenCheckOption(db, u.id, 'p', 'intro', 'why')).toBeNull();
    await recordCheckAnswer(db, { userId: u.id, program: 'p', lesson: 'intro', checkId: 'why', chosen: 'Because of X', correct: false, now: 1000 });
    expect(await chosenCheckOption(db, u.id, 'p', 'intro', 'why')).toBe('Because of X');
    await recordCheckAnswer(db, { userId: u.id, program: 'p', lesson: 'intro', checkId: 'why', chosen: 'Because of Y', correct: true, now: 2000 });
    await recordCheckAnswer(db, { userId: u.id, program: 'p', lesson: 'other', checkId: 'why', chosen: 'Z', correct: false, now: 3000 });
    expect(await chosenCheckOption(db, u.id, 'p', 'intro', 'why')).toBe('Because of Y');
    expect(await chosenCheckOption(db, u.id, 'p', 'other', 'why')).toBe('Z');
    expect((await storedAnswers(db, u.id, 'p')).sort((a, b) => a.lesson.localeCompare(b.lesson))).toEqual([
      { lesson: 'intro', checkId: 'why', chosen: 'Because of Y', correct: true },
      { lesson: 'other', checkId: 'why', chosen: 'Z', correct: false },
    ]);
    const other = await createUser(db, { email: 'b@example.com', name: 'B', passwordHash: 'x' });
    expect(await chosenCheckOption(db, other.id, 'p', 'intro', 'why')).toBeNull();
  });

  it('answers stored before migration 012 survive it, with no choice', async () => {
    temp = await tempDb({ migrate: false });
    const { db } = temp;
    await migrate(db, migrations.filter((m) => m.version < 12));
    const u = await createUser(db, { email: 'a@example.com', name: 'A', passwordHash: 'x' });
    await db.run("INSERT INTO check_answers (user_id, program, lesson, check_id, correct, answered_at) VALUES (?, 'p', 'intro', 'why', 1, 5)", u.id);
    expect(await migrate(db)).toContain(12);
    expect(await storedAnswers(db, u.id, 'p')).toEqual([{ lesson: 'intro', checkId: 'why', chosen: null, correct: true }]);
    expect(await chosenCheckOption(db, u.id, 'p', 'intro', 'why')).toBeNull();
  });
});
