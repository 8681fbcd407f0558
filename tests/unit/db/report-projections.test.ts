// The report projections (migration 010) stay equal to what the raw rows say: scored attempts as
// small per-skill / per-component / per-question rows, failing-test counts per learner and exercise,
// passed exercises per learner; and a database created before 010 is backfilled when it migrates.
import { afterEach, describe, expect, it } from 'vitest';
import { createUser } from '../../../src/server/db/users.ts';
import { finishAttempt, insertAttempt } from '../../../src/server/db/attempts.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

type Db = TempDb['db'];
const grade = async (db: Db, userId: string, exerciseId: string, status: 'pass' | 'fail', at: number, failedTests: string[] = [], attemptId: string | null = null) => {
  const id = await insertQueuedSubmission(db, { userId, exerciseId, attemptId, files: { 'a.ts': '' }, now: at });
  await completeSubmission(db, id, { status, score: status === 'pass' ? 1 : 0, result: {}, durationMs: 1, failedTests, now: at });
};
/** A graded row as a database before migration 011 (no changed / no_verdict columns) stores it. */
let oldRows = 0;
const gradeBefore011 = async (db: Db, userId: string, exerciseId: string, status: 'pass' | 'fail', at: number, failedTests: string[] = []) => {
  const id = `old-${++oldRows}`;
  await db.run("INSERT INTO submissions (id, user_id, exercise_id, attempt_id, files, status, created_at) VALUES (?, ?, ?, NULL, '{}', 'queued', ?)", id, userId, exerciseId, at);
  await db.run('UPDATE submissions SET status = ?, score = ?, result = ?, duration_ms = 1, failed_tests = ?, graded_at = ? WHERE id = ?', status,
    status === 'pass' ? 1 : 0,
    '{}',
    JSON.stringify(failedTests),
    at,
    id);
};

const breakdown = {
  components: [
    { id: 'theory', name: 'Theory', score: 0.8, passMark: 0.7, passed: true, weight: 0.5 },
    { id: 'impl', name: 'Implementation', score: 0.5, passMark: 0.8, passed: false, weight: 0.5 },
  ],
  skills: [
    { skill: 'testing', score: 0.75, weight: 0.5, evidence: 2 },
    { skill: 'debugging', score: 1, weight: 0.5, evidence: 1 },
  ],
  questions: [
    { id: 'q1', skill: 'testing', mark: 1, chosen: ['a'] },
    { id: 'q2', skill: 'debugging', mark: 0.5, chosen: ['b', 'c'] },
  ],
  tasks: { impl: { score: 0.5, submissionId: 's1', status: 'fail' } },
};

async function scoreAttempt(db: Db, userId: string, id: string, at: number) {
  await insertAttempt(db, { id, userId, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: at, expiresAt: at + 3_600_000 });
  return finishAttempt(db, id, { submittedAt: at + 60_000, score: 0.66, passed: false, level: null, breakdown, marks: { q1: 1, q2: 0.5 } });
}

/** A scored attempt as a database before migration 018 (no target_level / purpose / kind columns) stores it. */
async function scoreAttemptBefore018(db: Db, userId: string, id: string, at: number) {
  await db.run("INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at) VALUES (?, ?, 'p', '{\"quiz\":{},\"tasks\":[]}', 'open', ?, ?)", id, userId, at, at + 3_600_000);
  return (
    (await db.run("UPDATE attempts SET status = 'submitted', submitted_at = ?, score = 0.66, passed = 0, level = NULL, breakdown = ? WHERE id = ? AND status = 'open'", at + 60_000, JSON.stringify(breakdown), id)).changes > 0
  );
}

const failing = async (db: Db, userId: string, exerciseId: string) => {
  const row = await db.get('SELECT failing FROM learner_exercises WHERE user_id = ? AND exercise_id = ?', userId, exerciseId) as { failing: string | null };
  if (!row.failing) return {};
  const names = new Map((await db.all('SELECT id, name FROM exercise_tests') as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  return Object.fromEntries(row.failing.split(',').map((e) => [names.get(Number(e.split(':')[0])), Number(e.split(':')[1])]));
};

describe('report projections', () => {
  it('keep one small result row per scored attempt, written when the attempt is scored', async () => {
    temp = await tempDb();
    const { db } = temp;
    const u = await createUser(db, { email: 'a@example.com', name: 'A', passwordHash: 'x' });
    await insertAttempt(db, { id: 'open-one', userId: u.id, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: 0, expiresAt: 1 });
    expect(await db.get('SELECT COUNT(*) AS n FROM attempt_results')).toEqual({ n: 0 });
    expect(await scoreAttempt(db, u.id, 'att', 1000)).toBe(true);
    const row = await db.get('SELECT * FROM attempt_results') as Record<string, unknown>;
    expect(row).toMatchObject({ user_id: u.id, program: 'p', attempt_id: 'att', score: 0.66, passed: 0, level: null, submitted_at: 61_000 });
    expect(JSON.parse(row.skills as string)).toEqual({ testing: 0.75, debugging: 1 });
    expect(JSON.parse(row.components as string)).toEqual({ theory: [0.8, 1], impl: [0.5, 0] });
    expect(JSON.parse(row.marks as string)).toEqual({ q1: 1, q2: 0.5 });
    // A second submit of the same attempt loses the race and changes nothing.
    expect(await finishAttempt(db, 'att', { submittedAt: 9, score: 1, passed: true, level: 'x', breakdown, marks: {} })).toBe(false);
    expect(await db.get('SELECT COUNT(*) AS n, MAX(score) AS s FROM attempt_results')).toEqual({ n: 1, s: 0.66 });
  });

  it('count failed submissions per hidden test and list passed exercises per learner', async () => {
    temp = await tempDb();
    const { db } = temp;
    const u = await createUser(db, { email: 'b@example.com', name: 'B', passwordHash: 'x' });
    await grade(db, u.id, 'ex', 'fail', 100, ['rejects empty names', 'emits Created once']);
    await grade(db, u.id, 'ex', 'fail', 200, ['rejects empty names']);
    expect(await failing(db, u.id, 'ex')).toEqual({ 'rejects empty names': 2, 'emits Created once': 1 });
    expect(await db.get('SELECT COUNT(*) AS n FROM learner_passes')).toEqual({ n: 0 });
    await grade(db, u.id, 'ex', 'pass', 300);
    await grade(db, u.id, 'other', 'pass', 400);
    expect(await failing(db, u.id, 'ex')).toEqual({ 'rejects empty names': 2, 'emits Created once': 1 });
    expect(await failing(db, u.id, 'other')).toEqual({});
    const passes = await db.get('SELECT exercises, last_at FROM learner_passes WHERE user_id = ?', u.id) as { exercises: string; last_at: number };
    expect(passes.exercises.split('\u001f').sort()).toEqual(['ex', 'other']);
    expect(passes.last_at).toBe(400);
    // Certification-task submissions are not practice: they count nowhere here.
    await insertAttempt(db, { id: 'att', userId: u.id, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: 0, expiresAt: 1 });
    await grade(db, u.id, 'task', 'fail', 500, ['t'], 'att');
    expect(await db.get("SELECT COUNT(*) AS n FROM learner_exercises WHERE exercise_id = 'task'")).toEqual({ n: 0 });
    expect(await db.get("SELECT COUNT(*) AS n FROM exercise_tests WHERE exercise_id = 'task'")).toEqual({ n: 0 });
  });

  it('are backfilled from existing rows when a database migrates to 010', async () => {
    temp = await tempDb({ migrate: false });
    const { db } = temp;
    await migrate(db, migrations.filter((m) => m.version < 10));
    const u = await createUser(db, { email: 'c@example.com', name: 'C', passwordHash: 'x' });
    await gradeBefore011(db, u.id, 'ex', 'fail', 100, ['a', 'b']);
    await gradeBefore011(db, u.id, 'ex', 'fail', 150, ['a']);
    await gradeBefore011(db, u.id, 'ex', 'pass', 200);
    expect(await scoreAttemptBefore018(db, u.id, 'att', 1000)).toBe(true);
    expect(await migrate(db)).toEqual(migrations.filter((m) => m.version >= 10).map((m) => m.version));
    expect(await failing(db, u.id, 'ex')).toEqual({ a: 2, b: 1 });
    expect(await db.get('SELECT exercises, last_at FROM learner_passes')).toEqual({ exercises: 'ex', last_at: 200 });
    const row = await db.get('SELECT skills, components, marks FROM attempt_results') as Record<string, string>;
    expect([JSON.parse(row.skills!), JSON.parse(row.components!), JSON.parse(row.marks!)]).toEqual([{ testing: 0.75, debugging: 1 }, { theory: [0.8, 1], impl: [0.5, 0] }, { q1: 1, q2: 0.5 }]);
    // And the triggers carry on after the backfill.
    await grade(db, u.id, 'ex', 'fail', 300, ['b']);
    expect(await failing(db, u.id, 'ex')).toEqual({ a: 2, b: 2 });
  });
});
