// The report projections PostgreSQL keeps by trigger equal the ones SQLite keeps: the same writes, in
// plain SQL, go to both databases (first to a database at migration 008, before any projection
// exists, so the backfills of 009–027 run on real rows; then, fully migrated, through the triggers:
// lessons marked, re-marked and unmarked, practice graded fail and pass with failing tests, several
// rows at once, drafts, attempts scored on insert and on update, a learner deleted), and every
// projection table, and every column a backfill wrote, must hold the same rows on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/server/db/open.ts';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migratePostgres } from '../../../src/server/db/migrate-postgres.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { postgresMigrations } from '../../../src/server/db/migrations/postgres/list.ts';
import { testPostgres } from '../../helpers/pg-cluster.ts';
import type { Param } from '../../../src/server/db/store.ts';

let cluster: Awaited<ReturnType<typeof testPostgres>>;
let dir: string;
let sqlite: Db;
let pool: pg.Pool;

/** PostgreSQL's BIGINT read as a number, as SQLite gives it (every value here is far below 2^53). */
const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

/** Runs one statement on both databases (`?` placeholders; numbered for PostgreSQL). */
async function both(sql: string, ...params: unknown[]): Promise<void> {
  await sqlite.run(sql, ...(params as Param[]));
  let n = 0;
  await pool.query(sql.replace(/\?/g, () => `$${++n}`), params);
}
async function rows(sql: string): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  return { sqlite: await sqlite.all(sql), postgres: (await pool.query(sql)).rows };
}

const BEFORE_PROJECTIONS = 8;
const json = (v: unknown) => JSON.stringify(v);

/** A Clean Timestamp breakdown from before the competency areas (migration 019 recomputes it). */
const oldBreakdown = {
  score: 0.62,
  components: [
    { id: 'theory', score: 0.75, passed: true, weight: 0.4 },
    { id: 'implementation', score: 0.5, passed: false, weight: 0.35 },
    { id: 'code-review', score: 1.2, passed: true, weight: 0.25 },
  ],
  skills: [
    { skill: 'implementation', score: 0.6, weight: 0.5, evidence: 3 },
    { skill: 'debugging', score: 0.5, weight: 0.5, evidence: 2 },
  ],
  questions: [
    { id: 'impl-semver-regex', skill: 'implementation', mark: 1 },
    { id: 'dbg-forgot-touch', skill: 'debugging', mark: 0.5 },
    { id: 'gone-question', skill: 'testing', mark: null },
    { id: 'arch-batch-publish', skill: 'architecture', mark: -0.25 },
  ],
};
const newBreakdown = (mark: number) => ({
  components: [
    { id: 'theory', score: 0.9, passed: true, weight: 0.5 },
    { id: 'impl', score: mark, passed: mark >= 0.8, weight: 0.5 },
  ],
  skills: [
    { skill: 'testing', score: 0.75, weight: 0.5, evidence: 2 },
    { skill: 'debugging', score: 1, weight: 0.5, evidence: 1 },
  ],
  questions: [
    { id: 'q2', skill: 'debugging', mark: 0.5 },
    { id: 'q1', skill: 'testing', mark: 1 },
    { id: 'q3', skill: 'testing', mark: 0.1 + 0.2 },
  ],
});
const paper = { quiz: {}, tasks: [{ exerciseId: 'cert-release-entity', variant: 'b' }, { exerciseId: 'cert-bulk-status' }, { note: 'no exercise' }] };

async function writesBeforeProjections(): Promise<void> {
  for (const [id, email] of [['u1', 'one@example.com'], ['u2', 'two@example.com'], ['u3', 'three@example.com'], ['u4', 'four@example.com']] as const) {
    await both("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, 'x', 'learner', 1000)", id, email, id.toUpperCase());
  }
  await both("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('i1', 'inst@example.com', 'I', 'x', 'instructor', 1000)");
  for (const [user, program, lesson, at] of [
    ['u1', 'p', 'l3', 3000],
    ['u1', 'p', 'l1', 1000],
    ['u1', 'p', 'L2', 2000],
    ['u1', 'q', 'only', 500],
    ['u2', 'p', 'l1', 4000],
  ] as const) {
    await both('INSERT INTO lesson_progress (user_id, program, lesson, completed_at) VALUES (?, ?, ?, ?)', user, program, lesson, at);
  }
  const submissions: [string, string, string, string | null, string, string[], number, string | null][] = [
    ['s1', 'u1', 'ex-a', null, 'fail', ['t2', 't1'], 1000, null],
    ['s2', 'u1', 'ex-a', null, 'fail', ['t1', 't1'], 2000, null],
    ['s3', 'u1', 'ex-a', null, 'pass', [], 3000, null],
    ['s4', 'u2', 'ex-a', null, 'fail', ['t3', 't1'], 1500, null],
    ['s5', 'u2', 'ex-b', null, 'pass', [], 1600, null],
    ['s6', 'u3', 'ex-a', null, 'queued', [], 1700, null],
    ['s7', 'u3', 'ex-b', null, 'error', [], 1800, json({ message: 'Grading was interrupted by a restart.' })],
    ['s8', 'u3', 'ex-b', null, 'error', [], 1900, json({ message: 'The grader failed.' })],
    ['s9', 'u1', 'cert-release-entity', 'a1', 'fail', ['t9'], 2500, null],
    ['s10', 'u4', 'ex-b', null, 'fail', ['t1'], 100, null],
  ];
  for (const [id, user, exercise, attempt, status, failed, at, result] of submissions) {
    await both(
      "INSERT INTO submissions (id, user_id, exercise_id, attempt_id, files, status, failed_tests, result, created_at) VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?)",
      id, user, exercise, attempt, status, json(failed), result, at,
    );
  }
  await both("INSERT INTO drafts (user_id, exercise_id, files, updated_at) VALUES ('u1', 'ex-a', '{}', 500), ('u1', 'ex-b@a1', '{}', 600), ('u2', 'ex-c', '{}', 700)");
  await both(
    "INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at, submitted_at, score, passed, level, breakdown) VALUES ('a1', 'u1', 'clean-timestamp', ?, 'submitted', 100, 9000, 5000, 0.62, 1, 'distinction', ?)",
    json(paper), json(oldBreakdown),
  );
  await both(
    "INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at, submitted_at, score, passed, level, breakdown) VALUES ('a2', 'u2', 'p', ?, 'submitted', 100, 9000, 5100, 0.7, 0, NULL, ?)",
    json(paper), json(newBreakdown(0.5)),
  );
  await both("INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at) VALUES ('a3', 'u3', 'p', '{\"quiz\":{},\"tasks\":[]}', 'open', 100, 9000)");
  for (const [id, index, reason] of [['c1', 0, 'Superseded by re-issued certificate c2'], ['c2', 1, null]] as const) {
    await both(
      "INSERT INTO certificates (id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, status_index, revoked_at, revoked_reason) VALUES (?, 'u1', 'a1', 'clean-timestamp', 'distinction', 'U1', 'one@example.com', 0.62, ?, 6000, ?, ?, ?)",
      id, json(oldBreakdown), index, reason ? 7000 : null, reason,
    );
  }
  await both("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ('i1', 'certificate.reissue', 'c1', ?, 7000)", json({ replacement: 'c2' }));
  await both("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ('i1', 'account.note', 'u1', NULL, 7100)");
}

async function writesThroughTriggers(): Promise<void> {
  await both("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u5', 'five@example.com', 'U5', 'x', 'learner', 8000)");
  // lessons: a new learner, a re-marked lesson, one program emptied, several rows deleted at once
  await both("INSERT INTO lesson_progress (user_id, program, lesson, completed_at) VALUES ('u5', 'p', 'l2', 8100), ('u5', 'p', 'l10', 8050)");
  await both("UPDATE lesson_progress SET completed_at = 9500 WHERE user_id = 'u1' AND program = 'p' AND lesson = 'l3'");
  await both("DELETE FROM lesson_progress WHERE user_id = 'u1' AND program = 'q'");
  await both("DELETE FROM lesson_progress WHERE user_id = 'u1' AND program = 'p' AND lesson IN ('l1', 'L2')");
  await both("DELETE FROM lesson_progress WHERE user_id = 'u2'");
  // practice: a draft first (its start), then graded fail (a repeated and a new test name) and pass
  await both("INSERT INTO drafts (user_id, exercise_id, files, updated_at) VALUES ('u5', 'ex-a', '{}', 8200), ('u5', 'ex-a@a3', '{}', 8210)");
  await both("UPDATE drafts SET updated_at = 8300 WHERE user_id = 'u5' AND exercise_id = 'ex-a'");
  const grade = async (id: string, user: string, exercise: string, status: string, failed: string[], at: number, attempt: string | null = null) => {
    await both("INSERT INTO submissions (id, user_id, exercise_id, attempt_id, files, status, created_at) VALUES (?, ?, ?, ?, '{}', 'queued', ?)", id, user, exercise, attempt, at);
    await both('UPDATE submissions SET status = ?, failed_tests = ?, score = ?, graded_at = ? WHERE id = ?', status, json(failed), status === 'pass' ? 1 : 0, at + 10, id);
  };
  await grade('s20', 'u5', 'ex-a', 'fail', ['t4', 't1', 't4'], 8400);
  await grade('s21', 'u5', 'ex-a', 'fail', ['t6'], 8500);
  await grade('s22', 'u5', 'ex-a', 'pass', [], 8600);
  await grade('s23', 'u5', 'ex-a', 'fail', ['t7'], 8700);
  await grade('s24', 'u2', 'ex-a', 'fail', ['t5', 't3'], 8800);
  await grade('s25', 'u2', 'ex-a', 'pass', [], 8900);
  await grade('s26', 'u5', 'cert-bulk-status', 'fail', ['t8'], 8950, 'a3');
  // several rows graded in one statement (a restart failing what was queued)
  await both("INSERT INTO submissions (id, user_id, exercise_id, attempt_id, files, status, created_at) VALUES ('s27', 'u3', 'ex-c', NULL, '{}', 'queued', 9000), ('s28', 'u3', 'ex-d', NULL, '{}', 'queued', 9001)");
  await both("UPDATE submissions SET status = 'error', no_verdict = 1 WHERE status = 'queued'");
  // attempts: one stored already scored, one scored by update, then re-scored
  await both(
    "INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at, submitted_at, score, passed, level, breakdown, target_level) VALUES ('a4', 'u5', 'p', ?, 'submitted', 9000, 9900, 9100, 0.95, 1, 'associate', ?, 'associate')",
    json(paper), json(newBreakdown(0.9)),
  );
  await both("UPDATE attempts SET status = 'submitted', submitted_at = 9200, score = 0.4, passed = 0, breakdown = ? WHERE id = 'a3'", json(newBreakdown(0.3)));
  await both("UPDATE attempts SET score = 0.85, passed = 1, breakdown = ? WHERE id = 'a3'", json(newBreakdown(0.85)));
  // a learner deleted: every projection row of theirs goes with them
  await both("DELETE FROM users WHERE id = 'u4'");
}

beforeAll(async () => {
  cluster = await testPostgres();
  dir = mkdtempSync(join(tmpdir(), 'practicum-projections-'));
  sqlite = openDatabase(join(dir, 'parity.sqlite'));
  pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 1, types });
  await migrate(sqlite, migrations.filter((m) => m.version <= BEFORE_PROJECTIONS));
  await migratePostgres(pool, postgresMigrations.filter((m) => m.version <= BEFORE_PROJECTIONS));
  await writesBeforeProjections();
  await migrate(sqlite);
  await migratePostgres(pool);
  await writesThroughTriggers();
}, 120_000);

afterAll(async () => {
  await pool?.end();
  sqlite?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL report projections', () => {
  it.each([
    ['learner_lessons', 'SELECT user_id, program, lessons, last_at FROM learner_lessons ORDER BY user_id, program'],
    ['learner_exercises', 'SELECT user_id, exercise_id, first_at, pass_at, tries_to_pass, failing, started_at FROM learner_exercises ORDER BY user_id, exercise_id'],
    ['learner_passes', 'SELECT user_id, exercises, last_at FROM learner_passes ORDER BY user_id'],
    ['exercise_tests', 'SELECT id, exercise_id, name FROM exercise_tests ORDER BY id'],
    ['exercise_starts', 'SELECT user_id, exercise_id, started_at FROM exercise_starts ORDER BY user_id, exercise_id'],
    ['attempt_results', 'SELECT user_id, program, attempt_id, score, passed, level, submitted_at, skills, components, marks FROM attempt_results ORDER BY attempt_id'],
    ['attempt_tasks', 'SELECT attempt_id, exercise_id, variant FROM attempt_tasks ORDER BY attempt_id, exercise_id'],
  ])('%s holds the same rows on both', async (_table, sql) => {
    const { sqlite: a, postgres: b } = await rows(sql);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('the projections saw every kind of write (the comparison is not of empty or trivial tables)', async () => {
    const { postgres } = await rows("SELECT user_id, exercise_id, failing, started_at, tries_to_pass FROM learner_exercises WHERE user_id = 'u5'");
    expect(postgres).toEqual([{ user_id: 'u5', exercise_id: 'ex-a', failing: expect.stringMatching(/^\d+:1,\d+:2,\d+:1,\d+:1$/), started_at: 8200, tries_to_pass: 3 }]);
    expect((await rows("SELECT 1 FROM learner_lessons WHERE user_id IN ('u2', 'u4') OR program = 'q'")).postgres).toEqual([]);
    expect((await rows("SELECT lessons FROM learner_lessons WHERE user_id = 'u5'")).postgres).toEqual([{ lessons: 'l10\u001fl2' }]);
  });

  it('the backfilled columns match: no_verdict, successors, ladder levels, status lists, recomputed areas, holder ids', async () => {
    for (const sql of [
      'SELECT id, status, no_verdict FROM submissions ORDER BY id',
      'SELECT id, level, distinction, status_list, status_index, superseded_by, withdrawn FROM certificates ORDER BY id',
      'SELECT id, level, target_level, purpose, kind FROM attempts ORDER BY id',
      'SELECT id, size FROM status_lists ORDER BY id',
      "SELECT id, holder_id IS NOT NULL AND holder_id LIKE 'urn:uuid:%-4%' AS has_holder FROM users ORDER BY id",
    ]) {
      const { sqlite: a, postgres: b } = await rows(sql);
      expect(b.map((r) => ({ ...(r as object), has_holder: undefined })), sql).toEqual(a.map((r) => ({ ...(r as object), has_holder: undefined })));
    }
    const holders = await rows('SELECT holder_id FROM users');
    for (const side of [holders.sqlite, holders.postgres]) {
      for (const r of side as { holder_id: string }[]) expect(r.holder_id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    // Migration 019 rewrote the old Clean Timestamp breakdowns: the same JSON on both (key order aside).
    for (const sql of ['SELECT id, breakdown FROM attempts ORDER BY id', 'SELECT id, breakdown FROM certificates ORDER BY id']) {
      const { sqlite: a, postgres: b } = await rows(sql);
      const parsed = (list: unknown[]) => (list as { id: string; breakdown: string | null }[]).map((r) => ({ id: r.id, breakdown: r.breakdown && JSON.parse(r.breakdown) }));
      expect(parsed(b), sql).toEqual(parsed(a));
    }
    const { postgres } = await rows("SELECT breakdown FROM attempts WHERE id = 'a1'");
    expect((JSON.parse((postgres[0] as { breakdown: string }).breakdown) as { skills: { skill: string }[] }).skills.map((s) => s.skill)).toEqual([
      'domain-event-handling',
      'entity-implementation',
      'performance-optimization',
      'production-troubleshooting',
    ]);
  });
});

describe('PostgreSQL report projections under concurrent writers', () => {
  // SQLite has one writer at a time; PostgreSQL runs transactions side by side, and a trigger that
  // recomputes a learner's summary from a snapshot taken before another transaction committed would
  // leave that transaction's grade out. Two grades of one learner, committed in either order, both count.
  it('counts two grades of one learner stored by two transactions at once', async () => {
    const url = await cluster.createDatabase();
    const concurrent = new pg.Pool({ connectionString: url, max: 2, types });
    try {
      await migratePostgres(concurrent);
      await concurrent.query("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'one@example.com', 'U1', 'x', 1)");
      await concurrent.query(
        `INSERT INTO submissions (id, user_id, exercise_id, files, status, created_at) VALUES
         ('s1', 'u1', 'ex-1', '{}', 'queued', 100), ('s2', 'u1', 'ex-1', '{}', 'queued', 200),
         ('s3', 'u1', 'ex-2', '{}', 'queued', 300), ('s4', 'u1', 'ex-3', '{}', 'queued', 400)`,
      );
      const [a, b] = [await concurrent.connect(), await concurrent.connect()];
      try {
        const race = async (first: string, second: string) => {
          await a.query('BEGIN');
          await b.query('BEGIN');
          await a.query(first);
          const later = b.query(second);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await a.query('COMMIT');
          await later;
          await b.query('COMMIT');
        };
        // the first try (a fail) and the pass of one exercise
        await race("UPDATE submissions SET status = 'fail' WHERE id = 's1'", "UPDATE submissions SET status = 'pass' WHERE id = 's2'");
        // passes of two exercises: the learner's list of passed exercises has both
        await race("UPDATE submissions SET status = 'pass' WHERE id = 's3'", "UPDATE submissions SET status = 'pass' WHERE id = 's4'");
      } finally {
        a.release();
        b.release();
      }
      expect((await concurrent.query('SELECT exercise_id, first_at, pass_at, tries_to_pass FROM learner_exercises ORDER BY exercise_id')).rows).toEqual([
        { exercise_id: 'ex-1', first_at: 100, pass_at: 200, tries_to_pass: 2 },
        { exercise_id: 'ex-2', first_at: 300, pass_at: 300, tries_to_pass: 1 },
        { exercise_id: 'ex-3', first_at: 400, pass_at: 400, tries_to_pass: 1 },
      ]);
      expect((await concurrent.query('SELECT exercises, last_at FROM learner_passes')).rows).toEqual([{ exercises: 'ex-1\u001fex-2\u001fex-3', last_at: 400 }]);
    } finally {
      await concurrent.end();
    }
  });
});
