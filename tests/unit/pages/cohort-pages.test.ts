// The instructor's cohort pages and the cohort services behind them, on a real SQLite file with the
// repository's content: access, the one cohort validation, the learner drill-down, certificate changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../src/server/auth/roles.ts';
import { cohortsVisibleTo, requireCohortAccess } from '../../../src/server/cohorts/access.ts';
import { cohortCertificatesPage } from '../../../src/server/cohorts/certificates-page.ts';
import { createCohort } from '../../../src/server/cohorts/create.ts';
import { cohortDashboardPage } from '../../../src/server/cohorts/dashboard-page.ts';
import { learnerPage } from '../../../src/server/cohorts/learner-page.ts';
import { recordSolutionView } from '../../../src/server/db/drafts.ts';
import { cohortsPage } from '../../../src/server/cohorts/list-page.ts';
import { joinCohortByCode } from '../../../src/server/cohorts/membership.ts';
import { listPrograms } from '../../../src/server/content/catalog.ts';
import { finishAttempt, insertAttempt } from '../../../src/server/db/attempts.ts';
import { getCertificate, insertCertificate } from '../../../src/server/db/certificates.ts';
import { getCohort, type Cohort } from '../../../src/server/db/cohorts.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { HttpError } from '../../../src/server/http.ts';
import { SeeOther } from '../../../src/server/route.ts';
import type { AttemptBreakdown } from '../../../src/lib/contracts/attempt-breakdown.ts';
import type { Program } from '../../../src/lib/schemas/program.ts';
import { formPost, getRequest, tempApp, type TempApp } from '../../helpers/temp-app.ts';

const NOW = Date.parse('2026-05-04T10:00:00Z');
const PROGRAM = 'clean-timestamp';

let t: TempApp;
let programs: Program[];
let owner: SessionUser;
let otherInstructor: SessionUser;
let admin: SessionUser;
let learner: SessionUser;
let cohort: Cohort;

const dates = (n: number) => Array.from({ length: n }, (_, i) => `2026-06-0${i + 1}`);

async function refusal(fn: () => unknown): Promise<HttpError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

const breakdown: AttemptBreakdown = {
  components: [
    { id: 'theory', name: 'Theory quiz', score: 0.9, passMark: 0.7, passed: true, weight: 0.5 },
    { id: 'implementation', name: 'Practical implementation', score: 1, passMark: 1, passed: true, weight: 0.5 },
  ],
  skills: [{ skill: 'entity-implementation', score: 0.95 }],
  questions: [{ id: 'q1', skill: 'entity-implementation', mark: 1, chosen: ['a'] }],
  tasks: { implementation: { score: 1, submissionId: 's1', status: 'pass' } },
};

/** A scored, passed attempt with its certificate, as the assessment engine stores them. */
async function certify(user: SessionUser, startedAt: number): Promise<string> {
  const attemptId = `att-${startedAt}`;
  await insertAttempt(t.app.db, { id: attemptId, userId: user.id, program: PROGRAM, paper: { quiz: {}, tasks: [] }, startedAt, expiresAt: startedAt + 3_600_000 });
  await finishAttempt(t.app.db, attemptId, { submittedAt: startedAt + 60_000, score: 0.95, passed: true, level: 'associate', breakdown, marks: { q1: 1 } });
  return (await insertCertificate(
    t.app.db,
    { userId: user.id, attemptId, program: PROGRAM, level: 'associate', learnerName: user.name, learnerEmail: user.email, score: 0.95, breakdown: { components: breakdown.components, skills: breakdown.skills }, issuedAt: startedAt + 60_000, expiresAt: null },
    8,
  )).id;
}

beforeEach(async () => {
  t = await tempApp();
  programs = await listPrograms();
  owner = await t.user('owner@example.com', 'instructor');
  otherInstructor = await t.user('other@example.com', 'instructor');
  admin = await t.user('admin@example.com', 'admin');
  learner = await t.user('ann@example.com');
  const program = programs.find((p) => p.id === PROGRAM) as Program;
  cohort = await createCohort(t.app.db, owner, { name: '  Spring  ', program: PROGRAM, sessionDates: dates(program.sessions.length) }, programs, NOW);
  await joinCohortByCode(t.app.db, cohort.joinCode.toLowerCase(), learner.id, NOW);
});
afterEach(() => t.cleanup());

describe('createCohort: one validation for the page and the API', () => {
  const sessions = () => (programs.find((p) => p.id === PROGRAM) as Program).sessions.length;

  it('stores a valid cohort, trimmed, with a join code', async () => {
    expect(await getCohort(t.app.db, cohort.id)).toMatchObject({ name: 'Spring', program: PROGRAM, ownerId: owner.id, sessionDates: dates(sessions()) });
    expect(cohort.joinCode).toMatch(/^[A-Z2-9]{8}$/);
  });

  it.each([
    ['no name', { name: ' ' }, 'invalid_name'],
    ['a name too long', { name: 'x'.repeat(121) }, 'invalid_name'],
    ['an unknown program', { program: 'nope' }, 'unknown_program'],
    ['a month that does not exist', { sessionDates: ['2026-13-01', '2026-13-02', '2026-13-03'] }, 'invalid_schedule'],
    ['a day that does not exist', { sessionDates: ['2026-02-27', '2026-02-28', '2026-02-31'] }, 'invalid_schedule'],
    ['too few dates', { sessionDates: ['2026-06-01'] }, 'invalid_schedule'],
    ['dates out of order', { sessionDates: ['2026-06-03', '2026-06-02', '2026-06-01'] }, 'invalid_schedule'],
    ['dates that are not text', { sessionDates: [1, 2, 3] }, 'invalid_schedule'],
  ])('refuses %s (400)', async (_label, patch, code) => {
    const input = { name: 'Autumn', program: PROGRAM, sessionDates: dates(sessions()), ...patch };
    const e = await refusal(() => createCohort(t.app.db, owner, input, programs, NOW));
    expect([e.status, e.code]).toEqual([400, code]);
  });
});

describe('cohort access', () => {
  it('lets the owner and admins in; 403 for other instructors and learners, 404 for unknown ids', async () => {
    expect((await requireCohortAccess(t.app.db, cohort.id, owner)).id).toBe(cohort.id);
    expect((await requireCohortAccess(t.app.db, cohort.id, admin)).id).toBe(cohort.id);
    expect((await refusal(() => requireCohortAccess(t.app.db, cohort.id, otherInstructor))).status).toBe(403);
    expect((await refusal(() => requireCohortAccess(t.app.db, cohort.id, learner))).status).toBe(403);
    expect((await refusal(() => requireCohortAccess(t.app.db, 'nope', owner))).status).toBe(404);
    expect((await cohortsVisibleTo(t.app.db, owner)).map((c) => c.id)).toEqual([cohort.id]);
    expect(await cohortsVisibleTo(t.app.db, otherInstructor)).toEqual([]);
    expect((await cohortsVisibleTo(t.app.db, admin)).map((c) => c.id)).toEqual([cohort.id]);
  });

  it('joining by an unknown code is a 400 on the cohortCode field', async () => {
    const e = await refusal(() => joinCohortByCode(t.app.db, 'ZZZZZZZZ', learner.id));
    expect([e.status, e.code, e.details]).toEqual([400, 'unknown_cohort_code', { field: 'cohortCode' }]);
  });
});

describe('the cohorts page', () => {
  it('lists the instructor’s cohorts with member counts and program titles', async () => {
    const data = await cohortsPage(t.app.db, owner, getRequest());
    if (data instanceof SeeOther) throw new Error('no post was made');
    expect(data.staff).toBe(true);
    expect(data.status).toBe(200);
    expect(data.cohorts).toEqual([expect.objectContaining({ id: cohort.id, members: 1, programTitle: 'Clean Timestamp System Mastery' })]);
    expect(data.chosen).toBe(PROGRAM);
    expect(data.programs.find((p) => p.id === PROGRAM)?.sessions.map((s) => s.field)).toEqual([1, 2, 3].map((n) => `session-${PROGRAM}-${n}`));
  });

  it('creates a posted cohort and sends the instructor to it', async () => {
    const fields: Record<string, string> = { name: 'Autumn', program: PROGRAM };
    dates(3).forEach((d, i) => (fields[`session-${PROGRAM}-${i + 1}`] = d));
    const done = await cohortsPage(t.app.db, owner, formPost(fields));
    expect(done).toBeInstanceOf(SeeOther);
    const id = (done as SeeOther).location.replace('/cohorts/', '');
    expect((await getCohort(t.app.db, id))?.name).toBe('Autumn');
  });

  it('shows why a posted cohort was refused, with its status, for impossible dates too', async () => {
    const data = await cohortsPage(t.app.db, owner, formPost({ name: 'Autumn', program: PROGRAM, [`session-${PROGRAM}-1`]: '2026-13-01', [`session-${PROGRAM}-2`]: '2026-13-02', [`session-${PROGRAM}-3`]: '2026-13-03' }));
    if (data instanceof SeeOther) throw new Error('an impossible date was accepted');
    expect([data.status, data.error]).toEqual([400, 'Give one date (YYYY-MM-DD) for each of the 3 sessions.']);
    // What was typed stays in the form.
    expect([data.name, data.chosen, data.programs.find((p) => p.id === PROGRAM)?.sessions[0]?.value]).toEqual(['Autumn', PROGRAM, '2026-13-01']);
  });

  it('tells learners the page is for staff (403) and creates nothing for them', async () => {
    const data = await cohortsPage(t.app.db, learner, formPost({ name: 'Mine', program: PROGRAM }));
    if (data instanceof SeeOther) throw new Error('a learner created a cohort');
    expect([data.staff, data.status, data.cohorts]).toEqual([false, 403, []]);
    expect((await refusal(() => cohortsPage(t.app.db, null, getRequest()))).status).toBe(401);
  });
});

describe('the learner drill-down', () => {
  it('shows attempts newest first with their component results, and submissions with tests and code', async () => {
    await certify(learner, NOW - 86_400_000);
    await insertAttempt(t.app.db, { id: 'open-one', userId: learner.id, program: PROGRAM, paper: { quiz: {}, tasks: [] }, startedAt: NOW, expiresAt: NOW + 3_600_000 });
    const s = await insertQueuedSubmission(t.app.db, { userId: learner.id, exerciseId: 's1-project-entity', files: { 'src/project.ts': 'export class Project {}' }, now: NOW });
    await completeSubmission(t.app.db, s, { status: 'fail', score: 0.5, result: { tests: [{ name: 'rejects empty names', status: 'fail', message: 'expected a throw' }, { name: 'saves', status: 'pass', message: '' }] }, durationMs: 10, failedTests: ['rejects empty names'] });

    await recordSolutionView(t.app.db, learner.id, 's1-project-entity', NOW);
    const data = await learnerPage(t.app.db, owner, cohort.id, learner.id);
    expect(data.solutionViews).toEqual([{ exerciseId: 's1-project-entity', exerciseTitle: expect.not.stringMatching(/^s1-project-entity$/), viewedAt: NOW }]);
    expect(data.learner.email).toBe('ann@example.com');
    expect(data.attempts.map((a) => [a.id, a.status, a.components?.map((c) => c.name) ?? null])).toEqual([
      ['open-one', 'open', null],
      [`att-${NOW - 86_400_000}`, 'submitted', ['Theory quiz', 'Practical implementation']],
    ]);
    expect(data.submissions).toEqual([
      expect.objectContaining({
        exerciseId: 's1-project-entity',
        exerciseTitle: data.solutionViews[0]?.exerciseTitle,
        status: 'fail',
        certification: false,
        tests: [{ name: 'rejects empty names', status: 'fail', message: 'expected a throw' }, { name: 'saves', status: 'pass' }],
        files: [{ path: 'src/project.ts', code: 'export class Project {}' }],
      }),
    ]);
  });

  it('refuses the signed out (401), learners and other instructors (403), and anyone outside the cohort (404)', async () => {
    expect((await refusal(() => learnerPage(t.app.db, null, cohort.id, learner.id))).status).toBe(401);
    expect((await refusal(() => learnerPage(t.app.db, learner, cohort.id, learner.id))).status).toBe(403);
    expect((await refusal(() => learnerPage(t.app.db, otherInstructor, cohort.id, learner.id))).status).toBe(403);
    expect((await refusal(() => learnerPage(t.app.db, owner, cohort.id, otherInstructor.id))).status).toBe(404);
  });
});

/** The level names the certificates table shows (names from certification.json, not ids). */
const data0LevelNames = (page: { certificates: { levelName: string }[] }): string[] => page.certificates.map((c) => c.levelName);

describe('the cohort certificates page', () => {
  const settings = () => t.app.config.certificates;

  it('lists the cohort’s certificates with their status', async () => {
    const id = await certify(learner, NOW - 1000);
    const data = await cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, getRequest(), NOW);
    expect([data.status, data.notice]).toEqual([200, null]);
    expect(data.certificates.map((c) => [c.id, c.status])).toEqual([[id, 'active']]);
  });

  it('asks to confirm a posted revocation, then revokes it and shows it revoked', async () => {
    const id = await certify(learner, NOW - 1000);
    const asked = await cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, formPost({ certificate: id, action: 'revoke', reason: 'Issued in error' }), NOW);
    expect([asked.status, asked.notice]).toEqual([200, null]);
    expect(asked.pending).toEqual({ certificate: { id, learnerName: learner.name, learnerEmail: learner.email, level: 'associate', levelName: 'Certified Clean Timestamp Associate' }, reason: 'Issued in error' });
    expect(data0LevelNames(await cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, getRequest(), NOW))).toEqual(['Certified Clean Timestamp Associate']);
    expect((await getCertificate(t.app.db, id))?.revokedAt).toBeNull();
    const data = await cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, formPost({ certificate: id, action: 'revoke', reason: 'Issued in error', confirmed: 'yes' }), NOW);
    expect(data.pending).toBeNull();
    expect(data.notice).toEqual({ kind: 'ok', text: 'Certificate revoked. The verification page and the status list show it now.' });
    expect(data.certificates.map((c) => [c.status, c.revokedReason])).toEqual([['revoked', 'Issued in error']]);
    expect((await getCertificate(t.app.db, id))?.revokedAt).toBe(NOW);
  });

  it('answers a refused change with its status and message, the form included', async () => {
    const id = await certify(learner, NOW - 1000);
    const post = (fields: Record<string, string>) => cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, formPost(fields), NOW);
    expect(await post({ certificate: 'someone-else', action: 'revoke', reason: 'xyz' })).toMatchObject({ status: 404, notice: { kind: 'error', text: 'That certificate does not belong to this cohort.' } });
    expect(await post({ certificate: id, action: 'delete' })).toMatchObject({ status: 400, notice: { kind: 'error', text: 'Unknown action.' } });
    expect(await post({ certificate: id, action: 'revoke', reason: '' })).toMatchObject({ status: 400 });
    const json = new Request('http://practicum.test/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, json, NOW)).toMatchObject({ status: 415, notice: { kind: 'error' } });
    expect((await getCertificate(t.app.db, id))?.revokedAt).toBeNull();
  });

  it('re-issues a revoked certificate (the old one keeps its reason), but not twice while the new one stands', async () => {
    const id = await certify(learner, NOW - 1000);
    const post = (fields: Record<string, string>) => cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, formPost(fields), NOW);
    await post({ certificate: id, action: 'revoke', reason: 'Issued in error', confirmed: 'yes' });
    const reissued = await post({ certificate: id, action: 'reissue' });
    expect(reissued).toMatchObject({ status: 200, notice: { kind: 'ok' } });
    const fresh = reissued.certificates.find((c) => c.id !== id);
    expect(fresh).toMatchObject({ status: 'active', reissuable: true, supersededBy: null });
    expect(reissued.certificates.find((c) => c.id === id)).toMatchObject({ status: 'revoked', revokedReason: 'Issued in error', supersededBy: null, reissuable: false });
    expect(await post({ certificate: id, action: 'reissue' })).toMatchObject({ status: 409, notice: { kind: 'error', text: expect.stringContaining(fresh?.id ?? '?') } });
    const again = await post({ certificate: fresh?.id ?? '', action: 'reissue' });
    const newest = again.certificates.find((c) => c.id !== id && c.id !== fresh?.id);
    expect(again.certificates.find((c) => c.id === fresh?.id)).toMatchObject({ status: 'revoked', supersededBy: newest?.id });
  });

  it('finds certificates by learner name, email or certificate id (?q=)', async () => {
    const id = await certify(learner, NOW - 1000);
    const other = await t.user('zoe.alander@mail.test');
    await joinCohortByCode(t.app.db, cohort.joinCode, other.id, NOW - 5000);
    const theirs = await certify(other, NOW - 2000);
    const search = async (q: string) => (await cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, getRequest(`http://practicum.test/?q=${encodeURIComponent(q)}`), NOW)).certificates.map((c) => c.id);
    expect((await search('')).sort()).toEqual([id, theirs].sort());
    expect(await search('ALANDER')).toEqual([theirs]);
    expect(await search('@mail.test')).toEqual([theirs]);
    expect(await search(id.slice(2, 12))).toEqual([id]);
    expect(await search('nobody here')).toEqual([]);
    const page = await cohortCertificatesPage(t.app.db, settings(), owner, cohort.id, getRequest('http://practicum.test/?q=%20Alander%20'), NOW);
    expect([page.query, page.total, page.certificates.length]).toEqual(['Alander', 2, 1]);
  });

  it('is only for the cohort’s instructor and admins', async () => {
    expect((await refusal(() => cohortCertificatesPage(t.app.db, settings(), null, cohort.id, getRequest()))).status).toBe(401);
    expect((await refusal(() => cohortCertificatesPage(t.app.db, settings(), learner, cohort.id, getRequest()))).status).toBe(403);
  });
});

describe('the cohort dashboard page', () => {
  it('builds the dashboard and the learner table the address asks for', async () => {
    await certify(learner, NOW - 1000);
    const data = await cohortDashboardPage(t.app, owner, cohort.id, new URLSearchParams('filter=certified&sort=score&dir=desc'), NOW);
    if (data instanceof SeeOther) throw new Error('a GET renders the page');
    expect(data.dashboard.report.cohort.id).toBe(cohort.id);
    expect(data.query).toMatchObject({ filter: 'certified', sort: 'score', dir: 'desc' });
    expect(data.table.rows.map((r) => r.email)).toEqual(['ann@example.com']);
    expect(data.atRisk).toBe(data.dashboard.report.learners.filter((l) => l.atRisk.length > 0).length);
    expect((await refusal(() => cohortDashboardPage(t.app, null, cohort.id, new URLSearchParams()))).status).toBe(401);
    expect((await refusal(() => cohortDashboardPage(t.app, otherInstructor, cohort.id, new URLSearchParams()))).status).toBe(403);
  });
});
