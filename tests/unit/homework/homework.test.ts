// Homework: when it is due and where a learner's homework stands (rules.ts), the instructor's review
// page with its form and refusals, the cohort's homework list, the learner's own view, who may see
// what, and the demo's homework — on a real SQLite file with the repository's content.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { SessionUser } from '../../../src/server/auth/roles.ts';
import { createCohort } from '../../../src/server/cohorts/create.ts';
import { cohortDashboardPage } from '../../../src/server/cohorts/dashboard-page.ts';
import { joinCohortByCode } from '../../../src/server/cohorts/membership.ts';
import { getExercise, listPrograms } from '../../../src/server/content/catalog.ts';
import type { Cohort } from '../../../src/server/db/cohorts.ts';
import { homeworkReviewsOf } from '../../../src/server/db/homework.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { exercisePage } from '../../../src/server/exercises/exercise-page.ts';
import { requireHomeworkExercise } from '../../../src/server/homework/access.ts';
import { isHomework, type HomeworkExercise } from '../../../src/server/homework/rules.ts';
import { cohortHomeworkPage } from '../../../src/server/homework/cohort-page.ts';
import { learnerHomework } from '../../../src/server/homework/learner-view.ts';
import { homeworkReviewPage, loadHomeworkReview, type HomeworkReviewPage } from '../../../src/server/homework/review-page.ts';
import { parseHomeworkReview } from '../../../src/server/homework/review.ts';
import { homeworkDueAt, homeworkStanding } from '../../../src/server/homework/rules.ts';
import { HttpError } from '../../../src/server/http.ts';
import { SeeOther } from '../../../src/server/route.ts';
import { seedDemoCohort } from '../../../scripts/lib/demo-cohort.ts';
import { formPost, getRequest, ORIGIN, tempApp, type TempApp } from '../../helpers/temp-app.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const PROGRAM = 'clean-timestamp';
const HOMEWORK = 's1-homework-entity';
const DATES = ['2026-06-01', '2026-06-04', '2026-06-08'];
const DUE = Date.parse('2026-06-04T00:00:00Z');
const HOUR = 3_600_000;

let t: TempApp;
let owner: SessionUser;
let other: SessionUser;
let admin: SessionUser;
let ann: SessionUser;
let bob: SessionUser;
let stranger: SessionUser;
let cohort: Cohort;
let otherCohort: Cohort;
let exercise: HomeworkExercise;

async function refusal(fn: () => unknown): Promise<HttpError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

async function submit(user: SessionUser, status: 'pass' | 'fail', at: number, files: Record<string, string> = { 'src/entity.ts': `// ${status} at ${at}\n`, 'tests/entity.test.ts': '', 'NOTES.md': '<script>alert(1)</script>' }): Promise<string> {
  const id = await insertQueuedSubmission(t.app.db, { userId: user.id, exerciseId: HOMEWORK, files, now: at });
  await completeSubmission(t.app.db, id, { status, score: status === 'pass' ? 1 : 0.5, result: { version: 3, status, tests: [{ name: 'check', status }], durationMs: 1, executed: 1, expected: 1 }, durationMs: 1, failedTests: [], now: at + 1 });
  return id;
}

const reviewUrl = (who = ann, c = cohort) => `${ORIGIN}/cohorts/${c.id}/homework/${HOMEWORK}/${who.id}`;

beforeEach(async () => {
  t = await tempApp();
  const programs = await listPrograms();
  owner = await t.user('owner@example.com', 'instructor');
  other = await t.user('other@example.com', 'instructor');
  admin = await t.user('admin@example.com', 'admin');
  ann = await t.user('ann@example.com');
  bob = await t.user('bob@example.com');
  stranger = await t.user('stranger@example.com');
  cohort = await createCohort(t.app.db, owner, { name: 'June', program: PROGRAM, sessionDates: DATES }, programs, Date.parse('2026-05-01T00:00:00Z'));
  otherCohort = await createCohort(t.app.db, other, { name: 'Other', program: PROGRAM, sessionDates: DATES }, programs, Date.parse('2026-05-01T00:00:00Z'));
  await joinCohortByCode(t.app.db, cohort.joinCode, ann.id);
  await joinCohortByCode(t.app.db, cohort.joinCode, bob.id);
  await joinCohortByCode(t.app.db, otherCohort.joinCode, stranger.id);
  const found = await getExercise(HOMEWORK);
  if (!found || !isHomework(found)) throw new Error(`${HOMEWORK} is not homework`);
  exercise = found;
});
afterEach(() => t.cleanup());

describe('due dates and standing', () => {
  it('is due at the start of the cohort’s date for the session it is due before, or never without that date', () => {
    expect(homeworkDueAt(cohort, 2)).toBe(DUE);
    expect(homeworkDueAt({ sessionDates: ['2026-06-01'] }, 2)).toBeNull();
    expect(homeworkDueAt({ sessionDates: ['2026-06-01', 'not a date'] }, 2)).toBeNull();
  });

  it('is handed in by the first passing submission: on time before the due date, late from it on', () => {
    const facts = (firstPassAt: number | null, submissions = 1) => ({ submissions, firstPassAt, latest: submissions ? { id: 's', status: 'pass' as const, createdAt: firstPassAt ?? 0 } : null, review: null });
    expect(homeworkStanding(facts(DUE - 1), DUE, DUE + HOUR)).toMatchObject({ handIn: 'on-time', overdue: false, toReview: true });
    expect(homeworkStanding(facts(DUE), DUE, DUE + HOUR)).toMatchObject({ handIn: 'late', overdue: false });
    expect(homeworkStanding(facts(null, 0), DUE, DUE - 1)).toMatchObject({ handIn: 'not-submitted', overdue: false, toReview: false });
    expect(homeworkStanding(facts(null, 0), DUE, DUE)).toMatchObject({ handIn: 'not-submitted', overdue: true });
    expect(homeworkStanding({ submissions: 2, firstPassAt: null, latest: { id: 's', status: 'fail', createdAt: 1 }, review: null }, DUE, DUE + 1)).toMatchObject({ handIn: 'checks-failing', overdue: true, toReview: true });
    expect(homeworkStanding(facts(DUE + 5 * HOUR), null, DUE + 6 * HOUR)).toMatchObject({ handIn: 'on-time' });
  });

  it('follows the latest review until the learner submits again', () => {
    const latest = { id: 'b', status: 'pass' as const, createdAt: 10 };
    const base = { submissions: 2, firstPassAt: 1, latest };
    expect(homeworkStanding({ ...base, review: { submissionId: 'b', verdict: 'accepted', createdAt: 11 } }, null, 20)).toMatchObject({ review: 'accepted', toReview: false });
    expect(homeworkStanding({ ...base, review: { submissionId: 'b', verdict: 'needs-work', createdAt: 11 } }, null, 20)).toMatchObject({ review: 'needs-work', toReview: false });
    expect(homeworkStanding({ ...base, review: { submissionId: 'a', verdict: 'needs-work', createdAt: 5 } }, null, 20)).toMatchObject({ review: 'updated-since-review', toReview: true });
  });
});

describe('the review page', () => {
  it('shows the learner’s submissions (late ones marked) and the chosen one’s files as text; a posted review is saved and redirected to', async () => {
    const early = await submit(ann, 'fail', DUE - 10 * HOUR);
    const onTime = await submit(ann, 'pass', DUE - 2 * HOUR);
    const late = await submit(ann, 'pass', DUE + 3 * HOUR);
    const data = (await homeworkReviewPage(t.app, owner, cohort.id, HOMEWORK, ann.id, getRequest(reviewUrl()), DUE + 4 * HOUR)) as HomeworkReviewPage;
    expect(data.standing).toMatchObject({ handIn: 'on-time', handedInAt: DUE - 2 * HOUR, review: 'not-reviewed', toReview: true });
    expect(data.submissions.map((s) => [s.id, s.late])).toEqual([[late, true], [onTime, false], [early, false]]);
    expect(data.selected?.id).toBe(late);
    expect(data.selected?.files.map((f) => f.path)).toEqual(['src/entity.ts', 'tests/entity.test.ts', 'NOTES.md']);
    expect(data.selected?.files[2]?.content).toBe('<script>alert(1)</script>');

    const posted = await homeworkReviewPage(t.app, owner, cohort.id, HOMEWORK, ann.id, formPost({ submission: onTime, verdict: 'needs-work', feedback: '  Move the rule into validateEntity().\r\nThen resubmit.  ' }, reviewUrl()), DUE + 5 * HOUR);
    expect(posted).toBeInstanceOf(SeeOther);
    expect((posted as SeeOther).location).toBe(`/cohorts/${cohort.id}/homework/${HOMEWORK}/${ann.id}?submission=${onTime}&done=reviewed#reviews`);
    const reviews = await homeworkReviewsOf(t.app.db, ann.id, HOMEWORK);
    expect(reviews).toMatchObject([{ submissionId: onTime, verdict: 'needs-work', feedback: 'Move the rule into validateEntity().\nThen resubmit.', reviewerName: 'owner', cohortId: cohort.id, createdAt: DUE + 5 * HOUR }]);
    const after = (await homeworkReviewPage(t.app, owner, cohort.id, HOMEWORK, ann.id, getRequest(`${reviewUrl()}?submission=${onTime}&done=reviewed`), DUE + 6 * HOUR)) as HomeworkReviewPage;
    expect(after.notice).toMatch(/Review saved/);
    expect(after.selected?.id).toBe(onTime);
    // The review is of an older submission than the latest: the latest waits for review.
    expect(after.standing).toMatchObject({ review: 'updated-since-review', toReview: true });
  });

  it('refuses a missing verdict, empty or overlong feedback and another learner’s submission, keeping what was typed', async () => {
    const mine = await submit(ann, 'pass', DUE - HOUR);
    const bobs = await submit(bob, 'pass', DUE - HOUR);
    const post = (fields: Record<string, string>) => homeworkReviewPage(t.app, owner, cohort.id, HOMEWORK, ann.id, formPost(fields, reviewUrl()), DUE);
    expect(await post({ submission: mine, verdict: 'maybe', feedback: 'x' })).toMatchObject({ status: 400, error: 'Choose a verdict: accepted, or needs another pass.', form: { verdict: 'maybe', feedback: 'x' } });
    expect(await post({ submission: mine, verdict: 'accepted', feedback: '   ' })).toMatchObject({ status: 400, error: 'Write your feedback to the learner.' });
    expect(await post({ submission: mine, verdict: 'accepted', feedback: 'y'.repeat(4001) })).toMatchObject({ status: 400, error: 'Keep the feedback under 4,000 characters.' });
    expect(await post({ submission: bobs, verdict: 'accepted', feedback: 'Good' })).toMatchObject({ status: 404, selected: { id: mine } });
    expect(await post({ verdict: 'accepted', feedback: 'Good' })).toMatchObject({ status: 400, error: 'Choose the submission you are reviewing.' });
    expect(await homeworkReviewsOf(t.app.db, ann.id, HOMEWORK)).toEqual([]);
    expect(() => parseHomeworkReview({ submissionId: 's', verdict: 'accepted', feedback: 7 })).toThrow('Write your feedback to the learner.');
  });

  it('is for the cohort’s instructor and admins only', async () => {
    await submit(ann, 'pass', DUE - HOUR);
    const open = (who: SessionUser | null, learner = ann, c = cohort) => homeworkReviewPage(t.app, who, c.id, HOMEWORK, learner.id, getRequest(reviewUrl(learner, c)), DUE);
    expect((await open(admin)) as HomeworkReviewPage).toMatchObject({ learner: { id: ann.id } });
    expect((await refusal(() => open(null))).status).toBe(401);
    expect((await refusal(() => open(bob))).status).toBe(403);
    expect((await refusal(() => open(other))).status).toBe(403);
    // The other instructor through their own cohort, which Ann is not in.
    expect((await refusal(() => open(other, ann, otherCohort))).status).toBe(404);
    expect((await refusal(() => open(owner, stranger))).status).toBe(404);
    expect((await refusal(() => homeworkReviewPage(t.app, owner, cohort.id, 's1-project-entity', ann.id, getRequest(), DUE))).status).toBe(404);
    expect((await refusal(() => homeworkReviewPage(t.app, owner, 'nope', HOMEWORK, ann.id, getRequest(), DUE))).status).toBe(404);
    expect((await refusal(() => loadHomeworkReview(t.app, owner, cohort.id, HOMEWORK, ann.id, 'not-a-submission'))).status).toBe(404);
    expect((await refusal(() => requireHomeworkExercise(HOMEWORK, 'money-basics'))).status).toBe(404);
  });
});

describe('the cohort’s homework and the learner’s view', () => {
  it('counts and filters the cohort’s homework, and the dashboard shows the counts', async () => {
    await submit(ann, 'pass', DUE - HOUR);
    const late = await submit(bob, 'pass', DUE + HOUR);
    await homeworkReviewPage(t.app, owner, cohort.id, HOMEWORK, bob.id, formPost({ submission: late, verdict: 'accepted', feedback: 'Fine.' }, reviewUrl(bob)), DUE + 2 * HOUR);
    const page = await cohortHomeworkPage(t.app, owner, cohort.id, new URLSearchParams(), DUE + 3 * HOUR);
    expect(page.assignment?.counts).toEqual({ members: 2, handedIn: 2, late: 1, overdue: 0, toReview: 1, accepted: 1, needsWork: 0 });
    expect(page.rows.map((r) => [r.name, r.standing.handIn, r.standing.review])).toEqual([['ann', 'on-time', 'not-reviewed'], ['bob', 'late', 'accepted']]);
    const toReview = await cohortHomeworkPage(t.app, owner, cohort.id, new URLSearchParams({ show: 'to-review' }), DUE + 3 * HOUR);
    expect(toReview.rows.map((r) => r.name)).toEqual(['ann']);
    expect(toReview.rows[0]?.href).toBe(`/cohorts/${cohort.id}/homework/${HOMEWORK}/${ann.id}`);
    expect((await refusal(() => cohortHomeworkPage(t.app, owner, cohort.id, new URLSearchParams({ exercise: 's1-project-entity' })))).status).toBe(404);
    expect((await refusal(() => cohortHomeworkPage(t.app, other, cohort.id, new URLSearchParams()))).status).toBe(403);
    expect((await refusal(() => cohortHomeworkPage(t.app, ann, cohort.id, new URLSearchParams()))).status).toBe(403);
    const dashboard = await cohortDashboardPage(t.app, owner, cohort.id, new URLSearchParams(), DUE + 3 * HOUR);
    if (dashboard instanceof SeeOther) throw new Error('expected the dashboard');
    expect(dashboard.homework).toEqual([{ title: exercise.title, dueAt: DUE, counts: page.assignment?.counts, href: `/cohorts/${cohort.id}/homework?exercise=${HOMEWORK}` }]);
  });

  it('shows the learner when it is due, where it stands and their reviews, newest first, and never another learner’s', async () => {
    expect(await learnerHomework(t.app.db, ann.id, exercise, DUE - HOUR)).toMatchObject({ dueAt: DUE, cohorts: [{ id: cohort.id, name: 'June' }], standing: { handIn: 'not-submitted', overdue: false }, reviews: [] });
    expect((await learnerHomework(t.app.db, ann.id, exercise, DUE + HOUR)).standing.overdue).toBe(true);
    const first = await submit(ann, 'pass', DUE + HOUR);
    await homeworkReviewPage(t.app, owner, cohort.id, HOMEWORK, ann.id, formPost({ submission: first, verdict: 'needs-work', feedback: 'Touch once per action.' }, reviewUrl()), DUE + 2 * HOUR);
    const second = await submit(ann, 'pass', DUE + 3 * HOUR);
    await homeworkReviewPage(t.app, admin, cohort.id, HOMEWORK, ann.id, formPost({ submission: second, verdict: 'accepted', feedback: 'Now it is one touch.' }, reviewUrl()), DUE + 4 * HOUR);
    const view = await learnerHomework(t.app.db, ann.id, exercise, DUE + 5 * HOUR);
    expect(view).toMatchObject({ standing: { handIn: 'late', review: 'accepted' }, handInLabel: 'handed in late', reviewLabel: 'accepted' });
    expect(view.reviews).toMatchObject([
      { verdict: 'accepted', feedback: 'Now it is one touch.', reviewerName: 'admin', current: true, late: true },
      { verdict: 'needs-work', feedback: 'Touch once per action.', reviewerName: 'owner', current: false },
    ]);
    expect((await learnerHomework(t.app.db, bob.id, exercise, DUE + 5 * HOUR)).reviews).toEqual([]);
    // Outside any cohort: no due date, and nothing is late.
    expect((await learnerHomework(t.app.db, stranger.id, exercise, DUE)).cohorts).toHaveLength(1);
    const loner = await t.user('loner@example.com');
    expect(await learnerHomework(t.app.db, loner.id, exercise, DUE)).toMatchObject({ dueAt: null, cohorts: [] });
  });

  it('puts the homework on the learner’s exercise page, never offers its solution, and leaves other exercises alone', async () => {
    const page = await exercisePage(t.app, ann, HOMEWORK, null);
    if (page.kind !== 'exercise') throw new Error(page.message);
    expect(page.homework).toMatchObject({ dueBeforeSession: 2, dueAt: DUE });
    expect(page.view.solutionAvailable).toBe(false);
    await submit(ann, 'pass', DUE - HOUR);
    const after = await exercisePage(t.app, ann, HOMEWORK, null);
    expect(after.kind === 'exercise' && after.view.solutionAvailable).toBe(false);
    const anonymous = await exercisePage(t.app, null, HOMEWORK, null);
    expect(anonymous.kind === 'exercise' && anonymous.homework).toBeNull();
    const practice = await exercisePage(t.app, ann, 's1-project-entity', null);
    expect(practice.kind === 'exercise' && practice.homework).toBeNull();
  });
});

describe('demo homework', () => {
  let temp: TempDb | undefined;
  afterEach(() => temp?.cleanup());

  it('seeds handed-in homework (some late), reviews of both verdicts and homework still to review', async () => {
    temp = await tempDb();
    const now = Date.parse('2026-11-23T12:00:00Z');
    const root = join(import.meta.dirname, '../../..');
    const { cohort: demo } = await seedDemoCohort(temp.db, root, { learners: 40, passwordHash: 'x', seed: 15, now, instructorEmail: 'i@example.com' });
    const { cohortAssignment } = await import('../../../src/server/homework/cohort-homework.ts');
    const { counts, members } = await cohortAssignment(temp.db, demo, exercise, now);
    expect(counts.handedIn).toBeGreaterThan(20);
    expect(counts.late).toBeGreaterThan(0);
    expect(counts.handedIn - counts.late).toBeGreaterThan(0);
    expect(counts.accepted).toBeGreaterThan(0);
    expect(counts.needsWork + members.filter((m) => m.standing.review === 'updated-since-review').length).toBeGreaterThan(0);
    expect(counts.toReview).toBeGreaterThan(0);
    const reviewed = members.find((m) => m.review !== null);
    expect(reviewed?.review?.feedback.length).toBeGreaterThan(20);
  }, 60_000);
});
