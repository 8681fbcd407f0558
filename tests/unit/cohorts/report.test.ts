// Cohort report and analytics on a small hand-built cohort in a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCohort, type Cohort } from '../../../src/server/db/cohorts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { markLessonDone } from '../../../src/server/db/progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { saveFeedback } from '../../../src/server/db/feedback.ts';
import { insertCertificate } from '../../../src/server/db/certificates.ts';
import { buildCohortReport, type ReportContext } from '../../../src/server/cohorts/report.ts';
import { componentAnalytics, exerciseAnalytics, feedbackSummary } from '../../../src/server/cohorts/analytics.ts';
import { applyTableQuery, parseTableQuery } from '../../../src/server/cohorts/table.ts';
import { learnerCsv } from '../../../src/server/cohorts/export.ts';
import { parseCsv } from '../../../src/lib/csv.ts';
import type { Program } from '../../../src/lib/schemas/program.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-20T12:00:00Z');
const program: Program = {
  id: 'p',
  title: 'P',
  summary: 's',
  audience: 'a',
  prerequisites: [],
  objectives: ['o'],
  skillAreas: [
    { id: 'implementation', name: 'Implementation', description: 'd', target: 0.8 },
    { id: 'testing', name: 'Testing', description: 'd', target: 0.75 },
  ],
  kpis: { completionRate: 0.95, certificationRate: 0.9 },
  sessions: [
    { number: 1, title: 'One', summary: 's', agenda: [{ kind: 'module', id: 'm1', title: 'M1', durationMinutes: 60, notes: [], exercises: [], objectives: ['o'], lessons: ['l1', 'l2'] }] },
    { number: 2, title: 'Two', summary: 's', agenda: [{ kind: 'module', id: 'm2', title: 'M2', durationMinutes: 60, notes: [], exercises: [], objectives: ['o'], lessons: ['l3'] }] },
  ],
};
const exercises = [
  { id: 'e1', title: 'Exercise one', session: 1, skill: 'implementation' },
  { id: 'e2', title: 'Exercise two', session: 2, skill: 'testing' },
];

let t: TempDb;
let cohort: Cohort;
let ctx: ReportContext;
const ids: Record<string, string> = {};

async function submit(user: string, exercise: string, status: 'pass' | 'fail', at: number, failed: string[] = []) {
  const id = await insertQueuedSubmission(t.db, { userId: ids[user]!, exerciseId: exercise, files: { 'src/a.ts': 'x' }, now: at });
  await completeSubmission(t.db, id, { status, score: status === 'pass' ? 1 : 0, result: { tests: [] }, durationMs: 100, failedTests: failed, now: at });
}

async function attempt(user: string, score: number, passed: boolean, skills: Record<string, number>, at: number) {
  const id = `att-${user}-${at}`;
  const breakdown = {
    components: [
      { id: 'theory', name: 'Theory', score, passMark: 0.7, passed },
      { id: 'impl', name: 'Implementation', score: passed ? 1 : 0.5, passMark: 0.7, passed },
    ],
    skills: Object.entries(skills).map(([skill, s]) => ({ skill, score: s })),
  };
  await t.db.run("INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at, submitted_at, score, passed, breakdown) VALUES (?, ?, 'p', '{}', 'submitted', ?, ?, ?, ?, ?, ?)", id, ids[user]!, at, at + 3600_000, at + 1000, score, passed ? 1 : 0, JSON.stringify(breakdown));
  return id;
}

beforeEach(async () => {
  t = await tempDb();
  for (const name of ['ann', 'bob', 'cy', 'dee']) {
    ids[name] = (await createUser(t.db, { email: `${name}@example.com`, name: name.toUpperCase(), passwordHash: 'x', now: NOW - 30 * DAY })).id;
  }
  const owner = (await createUser(t.db, { email: 'teach@example.com', name: 'Teach', passwordHash: 'x', role: 'instructor' })).id;
  cohort = await insertCohort(t.db, { name: 'Spring', program: 'p', ownerId: owner, sessionDates: ['2026-03-01', '2026-03-10'] });
  for (const name of ['ann', 'bob', 'cy', 'dee']) await t.db.run('INSERT INTO cohort_members VALUES (?, ?, ?)', cohort.id, ids[name]!, NOW - 30 * DAY);
  // ann: everything done before the deadline, certified
  for (const l of ['l1', 'l2', 'l3']) await markLessonDone(t.db, ids['ann']!, 'p', l, NOW - 15 * DAY);
  await submit('ann', 'e1', 'fail', NOW - 16 * DAY, ['rejects empty names']);
  await submit('ann', 'e1', 'pass', NOW - 16 * DAY + 10 * 60_000);
  await submit('ann', 'e2', 'pass', NOW - 12 * DAY);
  const annAttempt = await attempt('ann', 0.9, true, { implementation: 1, testing: 0.8 }, NOW - 5 * DAY);
  await insertCertificate(t.db, {
    userId: ids['ann']!,
    attemptId: annAttempt,
    program: 'p',
    level: 'associate',
    learnerName: 'ANN',
    learnerEmail: 'ann@example.com',
    score: 0.9,
    breakdown: { components: [], skills: [] },
    issuedAt: NOW - 5 * DAY,
    expiresAt: NOW + 300 * DAY,
  });
  await t.db.run('UPDATE users SET last_active_at = ? WHERE id = ?', NOW - DAY, ids['ann']!);
  // bob: session 1 only, failed certification, failing e1 thrice, active recently
  await markLessonDone(t.db, ids['bob']!, 'p', 'l1', NOW - 20 * DAY);
  await markLessonDone(t.db, ids['bob']!, 'p', 'l2', NOW - 20 * DAY);
  for (let i = 0; i < 3; i++) await submit('bob', 'e1', 'fail', NOW - 10 * DAY + i, ['rejects empty names', 'emits a Created event']);
  await attempt('bob', 0.5, false, { implementation: 0.4, testing: 0.6 }, NOW - 4 * DAY);
  await t.db.run('UPDATE users SET last_active_at = ? WHERE id = ?', NOW - 2 * DAY, ids['bob']!);
  // cy: nothing at all, inactive since joining; dee: passed e1 after 2 tries, 30 minutes
  await submit('dee', 'e1', 'fail', NOW - 3 * DAY, ['rejects empty names']);
  await submit('dee', 'e1', 'pass', NOW - 3 * DAY + 30 * 60_000);
  await t.db.run('UPDATE users SET last_active_at = ? WHERE id = ?', NOW - 3 * DAY, ids['dee']!);
  await saveFeedback(t.db, { userId: ids['ann']!, program: 'p', session: 1, ratings: { content: 5, pace: 4, exercises: 5, instruction: 4, overall: 5 }, comment: 'Great' });
  await saveFeedback(t.db, { userId: ids['bob']!, program: 'p', session: 1, ratings: { content: 3, pace: 2, exercises: 4, instruction: 4, overall: 3 }, comment: '' });
  ctx = { db: t.db, cohort, program, lessonSessions: new Map([['l1', 1], ['l2', 1], ['l3', 2]]), exercises, now: NOW };
});
afterEach(() => t.cleanup());

describe('cohort report', () => {
  it('computes KPI cards against the program targets', async () => {
    const report = await buildCohortReport(ctx);
    const kpi = Object.fromEntries(report.kpis.map((k) => [k.id, k]));
    expect(report.memberCount).toBe(4);
    expect(kpi['completion']).toMatchObject({ value: 0.25, target: 0.95, met: false });
    expect(kpi['certification']).toMatchObject({ value: 0.25, target: 0.9, met: false });
    expect(kpi['average-score']?.value).toBeCloseTo(0.7);
    expect(kpi['on-time']?.value).toBe(0.25);
  });

  it('averages competency per skill area over assessed learners', async () => {
    const report = await buildCohortReport(ctx);
    expect(report.competency.map((c) => [c.skill, c.assessed, Number(c.average?.toFixed(3)), c.met])).toEqual([
      ['implementation', 2, 0.7, false],
      ['testing', 2, 0.7, false],
    ]);
  });

  it('fills the learner table and flags who is at risk and why', async () => {
    const rows = Object.fromEntries((await buildCohortReport(ctx)).learners.map((l) => [l.name, l]));
    expect(rows['ANN']).toMatchObject({ lessonsDone: 3, exercisesPassed: 2, certification: 'certified', level: 'associate', atRisk: [] });
    expect(rows['BOB']).toMatchObject({ lessonsDone: 2, exercisesPassed: 0, certification: 'failed', bestScore: 0.5, atRisk: ['behind on session 2'] });
    expect(rows['CY']?.atRisk).toEqual(['inactive for 30 days', 'behind on session 1', 'behind on session 2']);
    expect(rows['DEE']?.certification).toBe('not-attempted');
  });

  it('reports progress by session', async () => {
    const sessions = (await buildCohortReport(ctx)).sessions;
    expect(sessions.map((s) => [s.number, s.lessonShare, s.exerciseShare])).toEqual([
      [1, 4 / 8, 2 / 4],
      [2, 1 / 4, 1 / 4],
    ]);
  });

  it('sorts, filters and pages the learner table from query parameters', async () => {
    const rows = (await buildCohortReport(ctx)).learners;
    const byScore = applyTableQuery(rows, parseTableQuery(new URLSearchParams('sort=score&dir=desc')));
    expect(byScore.rows.map((r) => r.name)).toEqual(['ANN', 'BOB', 'CY', 'DEE']);
    const risky = applyTableQuery(rows, parseTableQuery(new URLSearchParams('filter=at-risk')));
    expect(risky.rows.map((r) => r.name)).toEqual(['BOB', 'CY', 'DEE']);
    expect(applyTableQuery(rows, parseTableQuery(new URLSearchParams('q=dee@'))).total).toBe(1);
  });
});

describe('analytics', () => {
  it('per exercise: learners who tried, pass rate, median tries and minutes, most common failing test', async () => {
    const [e1, e2] = await exerciseAnalytics(t.db, cohort.id, exercises);
    expect(e1).toMatchObject({ learnersAttempted: 3, learnersPassed: 2, medianAttemptsToPass: 2, medianMinutesToPass: 20, commonFailingTest: { name: 'rejects empty names', count: 5 } });
    expect(e1?.passRate).toBeCloseTo(2 / 3);
    expect(e2).toMatchObject({ learnersAttempted: 1, learnersPassed: 1, medianAttemptsToPass: 1, commonFailingTest: null });
  });

  it('per certification component: average and pass rate', async () => {
    const [theory, impl] = await componentAnalytics(t.db, cohort.id, 'p', [
      { id: 'theory', name: 'Theory' },
      { id: 'impl', name: 'Implementation' },
    ]);
    expect(theory).toMatchObject({ attempts: 2, passRate: 0.5 });
    expect(theory?.averageScore).toBeCloseTo(0.7);
    expect(impl?.averageScore).toBeCloseTo(0.75);
  });

  it('aggregates feedback per session', async () => {
    const [s1] = await feedbackSummary(t.db, cohort.id, 'p');
    expect(s1).toMatchObject({ session: 1, responses: 2, comments: ['Great'] });
    expect(s1?.averages).toEqual({ content: 4, pace: 3, exercises: 4.5, instruction: 4, overall: 4 });
  });

  it('weighs identical rating sets by how many gave them and keeps the latest 50 comments, oldest first', async () => {
    const ratings = { content: 4, pace: 4, exercises: 4, instruction: 4, overall: 4 };
    for (let i = 0; i < 70; i++) {
      const id = (await createUser(t.db, { email: `l${i}@example.com`, name: `L${i}`, passwordHash: 'x' })).id;
      await t.db.run('INSERT INTO cohort_members VALUES (?, ?, ?)', cohort.id, id, NOW);
      await saveFeedback(t.db, { userId: id, program: 'p', session: 2, ratings, comment: i % 7 ? `  comment ${i} ` : '   ', now: NOW + i });
    }
    const s2 = (await feedbackSummary(t.db, cohort.id, 'p')).find((s) => s.session === 2);
    expect(s2?.responses).toBe(70);
    expect(s2?.averages).toEqual(ratings);
    const written = Array.from({ length: 70 }, (_, i) => i).filter((i) => i % 7 !== 0).map((i) => `comment ${i}`);
    expect(written).toHaveLength(60);
    expect(s2?.comments).toEqual(written.slice(-50));
    expect((await feedbackSummary(t.db, cohort.id, 'p'))[0]?.averages.content).toBe(4);
  });
});

describe('CSV export', () => {
  it('round-trips the learner table, including commas, quotes and non-Latin names', async () => {
    await t.db.run('UPDATE users SET name = ? WHERE id = ?', 'Łukasz "Lu", Jr.', ids['dee']!);
    await t.db.run('UPDATE users SET name = ? WHERE id = ?', '=HYPERLINK("x")', ids['cy']!);
    const report = await buildCohortReport(ctx);
    const csv = learnerCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header?.slice(0, 3)).toEqual(['name', 'email', 'lessons_done']);
    expect(rows).toHaveLength(4);
    const names = rows.map((r) => r[0]);
    expect(names).toContain('Łukasz "Lu", Jr.');
    expect(names).toContain('\'=HYPERLINK("x")');
    const ann = rows.find((r) => r[1] === 'ann@example.com');
    expect(ann?.[8]).toBe('certified');
    expect(Number(ann?.[10])).toBeCloseTo(0.9);
  });
});
