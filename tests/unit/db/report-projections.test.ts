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
const grade = (db: Db, userId: string, exerciseId: string, status: 'pass' | 'fail', at: number, failedTests: string[] = [], attemptId: string | null = null) => {
  const id = insertQueuedSubmission(db, { userId, exerciseId, attemptId, files: { 'a.ts': '' }, now: at });
  completeSubmission(db, id, { status, score: status === 'pass' ? 1 : 0, result: {}, durationMs: 1, failedTests, now: at });
};
/** A graded row as a database before migration 011 (no changed / no_verdict columns) stores it. */
let oldRows = 0;
const gradeBefore011 = (db: Db, userId: string, exerciseId: string, status: 'pass' | 'fail', at: number, failedTests: string[] = []) => {
  const id = `old-${++oldRows}`;
  db.prepare("INSERT INTO submissions (id, user_id, exercise_id, attempt_id, files, status, created_at) VALUES (?, ?, ?, NULL, '{}', 'queued', ?)").run(id, userId, exerciseId, at);
  db.prepare('UPDATE submissions SET status = ?, score = ?, result = ?, duration_ms = 1, failed_tests = ?, graded_at = ? WHERE id = ?').run(
    status,
    status === 'pass' ? 1 : 0,
    '{}',
    JSON.stringify(failedTests),
    at,
    id,
  );
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

function scoreAttempt(db: Db, userId: string, id: string, at: number) {
  insertAttempt(db, { id, userId, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: at, expiresAt: at + 3_600_000 });
  return finishAttempt(db, id, { submittedAt: at + 60_000, score: 0.66, passed: false, level: null, breakdown, marks: { q1: 1, q2: 0.5 } });
}

/** A scored attempt as a database before migration 018 (no target_level / purpose / kind columns) stores it. */
function scoreAttemptBefore018(db: Db, userId: string, id: string, at: number) {
  db.prepare("INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at) VALUES (?, ?, 'p', '{\"quiz\":{},\"tasks\":[]}', 'open', ?, ?)").run(id, userId, at, at + 3_600_000);
  return (
    db
      .prepare("UPDATE attempts SET status = 'submitted', submitted_at = ?, score = 0.66, passed = 0, level = NULL, breakdown = ? WHERE id = ? AND status = 'open'")
      .run(at + 60_000, JSON.stringify(breakdown), id).changes > 0
  );
}

const failing = (db: Db, userId: string, exerciseId: string) => {
  const row = db.prepare('SELECT failing FROM learner_exercises WHERE user_id = ? AND exercise_id = ?').get(userId, exerciseId) as { failing: string | null };
  if (!row.failing) return {};
  const names = new Map((db.prepare('SELECT id, name FROM exercise_tests').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  return Object.fromEntries(row.failing.split(',').map((e) => [names.get(Number(e.split(':')[0])), Number(e.split(':')[1])]));
};

describe('report projections', () => {
  it('keep one small result row per scored attempt, written when the attempt is scored', () => {
    temp = tempDb();
    const { db } = temp;
    const u = createUser(db, { email: 'a@example.com', name: 'A', passwordHash: 'x' });
    insertAttempt(db, { id: 'open-one', userId: u.id, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: 0, expiresAt: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM attempt_results').get()).toEqual({ n: 0 });
    expect(scoreAttempt(db, u.id, 'att', 1000)).toBe(true);
    const row = db.prepare('SELECT * FROM attempt_results').get() as Record<string, unknown>;
    expect(row).toMatchObject({ user_id: u.id, program: 'p', attempt_id: 'att', score: 0.66, passed: 0, level: null, submitted_at: 61_000 });
    expect(JSON.parse(row.skills as string)).toEqual({ testing: 0.75, debugging: 1 });
    expect(JSON.parse(row.components as string)).toEqual({ theory: [0.8, 1], impl: [0.5, 0] });
    expect(JSON.parse(row.marks as string)).toEqual({ q1: 1, q2: 0.5 });
    // A second submit of the same attempt loses the race and changes nothing.
    expect(finishAttempt(db, 'att', { submittedAt: 9, score: 1, passed: true, level: 'x', breakdown, marks: {} })).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n, MAX(score) AS s FROM attempt_results').get()).toEqual({ n: 1, s: 0.66 });
  });

  it('count failed submissions per hidden test and list passed exercises per learner', () => {
    temp = tempDb();
    const { db } = temp;
    const u = createUser(db, { email: 'b@example.com', name: 'B', passwordHash: 'x' });
    grade(db, u.id, 'ex', 'fail', 100, ['rejects empty names', 'emits Created once']);
    grade(db, u.id, 'ex', 'fail', 200, ['rejects empty names']);
    expect(failing(db, u.id, 'ex')).toEqual({ 'rejects empty names': 2, 'emits Created once': 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM learner_passes').get()).toEqual({ n: 0 });
    grade(db, u.id, 'ex', 'pass', 300);
    grade(db, u.id, 'other', 'pass', 400);
    expect(failing(db, u.id, 'ex')).toEqual({ 'rejects empty names': 2, 'emits Created once': 1 });
    expect(failing(db, u.id, 'other')).toEqual({});
    const passes = db.prepare('SELECT exercises, last_at FROM learner_passes WHERE user_id = ?').get(u.id) as { exercises: string; last_at: number };
    expect(passes.exercises.split('\u001f').sort()).toEqual(['ex', 'other']);
    expect(passes.last_at).toBe(400);
    // Certification-task submissions are not practice: they count nowhere here.
    insertAttempt(db, { id: 'att', userId: u.id, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: 0, expiresAt: 1 });
    grade(db, u.id, 'task', 'fail', 500, ['t'], 'att');
    expect(db.prepare("SELECT COUNT(*) AS n FROM learner_exercises WHERE exercise_id = 'task'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM exercise_tests WHERE exercise_id = 'task'").get()).toEqual({ n: 0 });
  });

  it('are backfilled from existing rows when a database migrates to 010', () => {
    temp = tempDb({ migrate: false });
    const { db } = temp;
    migrate(db, migrations.filter((m) => m.version < 10));
    const u = createUser(db, { email: 'c@example.com', name: 'C', passwordHash: 'x' });
    gradeBefore011(db, u.id, 'ex', 'fail', 100, ['a', 'b']);
    gradeBefore011(db, u.id, 'ex', 'fail', 150, ['a']);
    gradeBefore011(db, u.id, 'ex', 'pass', 200);
    expect(scoreAttemptBefore018(db, u.id, 'att', 1000)).toBe(true);
    expect(migrate(db)).toEqual(migrations.filter((m) => m.version >= 10).map((m) => m.version));
    expect(failing(db, u.id, 'ex')).toEqual({ a: 2, b: 1 });
    expect(db.prepare('SELECT exercises, last_at FROM learner_passes').get()).toEqual({ exercises: 'ex', last_at: 200 });
    const row = db.prepare('SELECT skills, components, marks FROM attempt_results').get() as Record<string, string>;
    expect([JSON.parse(row.skills!), JSON.parse(row.components!), JSON.parse(row.marks!)]).toEqual([{ testing: 0.75, debugging: 1 }, { theory: [0.8, 1], impl: [0.5, 0] }, { q1: 1, q2: 0.5 }]);
    // And the triggers carry on after the backfill.
    grade(db, u.id, 'ex', 'fail', 300, ['b']);
    expect(failing(db, u.id, 'ex')).toEqual({ a: 2, b: 2 });
  });
});
