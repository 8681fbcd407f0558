// The end-of-program feedback: when the form opens, what a valid form is, the learner's page, the
// instructor's summary with the KPI "rated Excellent or Very good" against program.json's target, the
// KPI in the cohort report and its CSV, and the form's schema — on a real SQLite file with the
// repository's content.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../src/server/auth/roles.ts';
import { buildCohortDashboard } from '../../../src/server/cohorts/dashboard.ts';
import { kpiCsv, programFeedbackCsv } from '../../../src/server/cohorts/export.ts';
import { createCohort } from '../../../src/server/cohorts/create.ts';
import { joinCohortByCode } from '../../../src/server/cohorts/membership.ts';
import { getOutline, getProgram, listPrograms } from '../../../src/server/content/catalog.ts';
import type { Cohort } from '../../../src/server/db/cohorts.ts';
import { programFeedbackOf, saveProgramFeedback } from '../../../src/server/db/program-feedback.ts';
import { markLessonDone } from '../../../src/server/db/progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { feedbackPage } from '../../../src/server/feedback/feedback-page.ts';
import { programFeedbackContent, programFeedbackPage, type ProgramFeedbackPage } from '../../../src/server/feedback/program-feedback-page.ts';
import { programFeedbackSummary } from '../../../src/server/feedback/program-feedback-summary.ts';
import { parseProgramFeedback, programFeedbackOpening, submitProgramFeedback, type ProgramFeedbackContent } from '../../../src/server/feedback/program-feedback.ts';
import { HttpError } from '../../../src/server/http.ts';
import { SeeOther } from '../../../src/server/route.ts';
import { parseCsv } from '../../../src/lib/csv.ts';
import { excellentShare } from '../../../src/lib/program-rating.ts';
import { programSchema, type Program } from '../../../src/lib/schemas/program.ts';
import { formPost, getRequest, ORIGIN, tempApp, type TempApp } from '../../helpers/temp-app.ts';

const PROGRAM = 'clean-timestamp';
const DATES = ['2026-06-01', '2026-06-04', '2026-06-08'];
const LAST = Date.parse('2026-06-08T00:00:00Z');
const URL_ = `${ORIGIN}/programs/${PROGRAM}/feedback/program`;

let t: TempApp;
let program: Program;
let content: ProgramFeedbackContent;
let cohort: Cohort;
let owner: SessionUser;
let ann: SessionUser;
let bob: SessionUser;
let cy: SessionUser;

const form = (ratings: [number, number, number, number], answers: Partial<Record<'most-valuable' | 'improvements', string>> = {}) => ({
  'rating:objectives': String(ratings[0]),
  'rating:applicability': String(ratings[1]),
  'rating:confidence': String(ratings[2]),
  'rating:recommend': String(ratings[3]),
  ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answer:${k}`, v])),
});

async function refusal(fn: () => unknown): Promise<HttpError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

beforeEach(async () => {
  t = await tempApp();
  const found = await getProgram(PROGRAM);
  const loaded = await programFeedbackContent(PROGRAM);
  if (!found || !loaded) throw new Error('the course has no program feedback form');
  program = found;
  content = loaded;
  owner = await t.user('owner@example.com', 'instructor');
  ann = await t.user('ann@example.com');
  bob = await t.user('bob@example.com');
  cy = await t.user('cy@example.com');
  cohort = await createCohort(t.app.db, owner, { name: 'June', program: PROGRAM, sessionDates: DATES }, await listPrograms(), Date.parse('2026-05-01T00:00:00Z'));
  for (const u of [ann, bob, cy]) await joinCohortByCode(t.app.db, cohort.joinCode, u.id);
});
afterEach(() => t.cleanup());

describe('when the form opens', () => {
  it('opens on the day of the cohort’s last session, not before', async () => {
    expect(await programFeedbackOpening(t.app.db, ann.id, content, LAST - 1)).toEqual({ open: false, opensAt: LAST });
    expect(await programFeedbackOpening(t.app.db, ann.id, content, LAST)).toEqual({ open: true, because: 'last-session' });
  });

  it('opens for a learner without a cohort once they completed every lesson and practice exercise', async () => {
    const solo = await t.user('solo@example.com');
    expect(await programFeedbackOpening(t.app.db, solo.id, content, LAST)).toEqual({ open: false, opensAt: null });
    const outline = await getOutline(PROGRAM);
    for (const lesson of outline?.lessons ?? []) await markLessonDone(t.app.db, solo.id, PROGRAM, lesson.slug);
    const [last, ...rest] = [...content.exercises].reverse();
    for (const id of rest) {
      const s = await insertQueuedSubmission(t.app.db, { userId: solo.id, exerciseId: id, files: {} });
      await completeSubmission(t.app.db, s, { status: 'pass', score: 1, result: {}, durationMs: 1, failedTests: [] });
    }
    expect((await programFeedbackOpening(t.app.db, solo.id, content, 0)).open).toBe(false);
    const s = await insertQueuedSubmission(t.app.db, { userId: solo.id, exerciseId: last ?? '', files: {} });
    await completeSubmission(t.app.db, s, { status: 'pass', score: 1, result: {}, durationMs: 1, failedTests: [] });
    expect(await programFeedbackOpening(t.app.db, solo.id, content, 0)).toEqual({ open: true, because: 'completed' });
  });
});

describe('the form', () => {
  it('takes every rating from 1 to 5 and optional answers, trimmed', () => {
    const values = form([5, 4, 3, 5], { 'most-valuable': '  The homework review \r\n ', improvements: '' });
    expect(parseProgramFeedback(content.form, (id) => values[id as keyof typeof values] ?? null)).toEqual({
      ratings: { objectives: 5, applicability: 4, confidence: 3, recommend: 5 },
      answers: { 'most-valuable': 'The homework review' },
    });
    for (const bad of ['0', '6', '4.5', '', 'x']) {
      const v = { ...form([5, 4, 3, 5]), 'rating:confidence': bad };
      expect(() => parseProgramFeedback(content.form, (id) => v[id as keyof typeof v] ?? null)).toThrow('Rate “Confidence in implementing clean timestamps” from 1 to 5.');
    }
    const long = { ...form([5, 4, 3, 5]), 'answer:improvements': 'x'.repeat(4001) };
    expect(() => parseProgramFeedback(content.form, (id) => long[id as keyof typeof long] ?? null)).toThrow('Keep “Suggested improvements” under 4,000 characters.');
  });

  it('is refused (409) before it opens, and saved (changeable) once it is', async () => {
    const v = form([4, 4, 4, 4]);
    const input = (id: string) => v[id as keyof typeof v] ?? null;
    await expect(submitProgramFeedback(t.app.db, ann.id, content, input, LAST - 1)).rejects.toThrow(expect.objectContaining({ status: 409 }));
    expect(await programFeedbackOf(t.app.db, ann.id, PROGRAM)).toBeNull();
    await submitProgramFeedback(t.app.db, ann.id, content, input, LAST + 10);
    const w = form([5, 5, 5, 5], { improvements: 'More exercises' });
    await submitProgramFeedback(t.app.db, ann.id, content, (id) => w[id as keyof typeof w] ?? null, LAST + 20);
    expect(await programFeedbackOf(t.app.db, ann.id, PROGRAM)).toEqual({ ratings: { objectives: 5, applicability: 5, confidence: 5, recommend: 5 }, answers: { improvements: 'More exercises' }, createdAt: LAST + 10, updatedAt: LAST + 20 });
  });

  it('the learner’s page: explains when it opens, saves a post and redirects, shows a refused post again with its values', async () => {
    const closed = (await programFeedbackPage(t.app.db, ann, PROGRAM, getRequest(URL_), LAST - 1)) as ProgramFeedbackPage;
    expect(closed.opening).toEqual({ open: false, opensAt: LAST });
    const refused = (await programFeedbackPage(t.app.db, ann, PROGRAM, formPost({ ...form([5, 4, 3, 5], { improvements: 'Keep me' }), 'rating:recommend': '9' }, URL_), LAST)) as ProgramFeedbackPage;
    expect(refused).toMatchObject({ status: 400, error: 'Rate “Likelihood to recommend to others” from 1 to 5.', values: { ratings: { objectives: 5 }, answers: { improvements: 'Keep me' } } });
    const saved = await programFeedbackPage(t.app.db, ann, PROGRAM, formPost(form([5, 4, 3, 5]), URL_), LAST);
    expect(saved).toBeInstanceOf(SeeOther);
    expect((saved as SeeOther).location).toBe(`/programs/${PROGRAM}/feedback/program?saved=1`);
    const shown = (await programFeedbackPage(t.app.db, ann, PROGRAM, getRequest(`${URL_}?saved=1`), LAST + 1)) as ProgramFeedbackPage;
    expect(shown).toMatchObject({ saved: true, sentAt: LAST, values: { ratings: { objectives: 5, applicability: 4, confidence: 3, recommend: 5 } } });
    expect((await refusal(() => programFeedbackPage(t.app.db, null, PROGRAM, getRequest(URL_)))).status).toBe(401);
    expect((await refusal(() => programFeedbackPage(t.app.db, ann, 'nope', getRequest(URL_)))).status).toBe(404);
    // Beside the session forms, the session feedback page says where the program form stands.
    expect((await feedbackPage(t.app.db, ann, PROGRAM, getRequest(), LAST + 1)).programForm).toEqual({ href: `/programs/${PROGRAM}/feedback/program`, open: true, opensAt: null, sentAt: LAST });
    expect((await feedbackPage(t.app.db, bob, PROGRAM, getRequest(), LAST - 1)).programForm).toEqual({ href: `/programs/${PROGRAM}/feedback/program`, open: false, opensAt: LAST, sentAt: null });
  });
});

describe('the instructor’s summary and the KPI', () => {
  it('averages each rating, counts the training rated 4 or 5 against the target, lists the answers and reports the KPI', async () => {
    const outsider = await t.user('outsider@example.com');
    await saveProgramFeedback(t.app.db, { userId: ann.id, program: PROGRAM, ratings: { objectives: 5, applicability: 4, confidence: 4, recommend: 5 }, answers: { 'most-valuable': 'Controlled time' }, now: LAST + 1 });
    await saveProgramFeedback(t.app.db, { userId: bob.id, program: PROGRAM, ratings: { objectives: 3, applicability: 2, confidence: 3, recommend: 3 }, answers: { improvements: '=HYPERLINK("x")' }, now: LAST + 2 });
    await saveProgramFeedback(t.app.db, { userId: outsider.id, program: PROGRAM, ratings: { objectives: 1, applicability: 1, confidence: 1, recommend: 1 }, answers: {}, now: LAST + 3 });
    const summary = await programFeedbackSummary(t.app.db, cohort.id, 3, program);
    expect(summary).toMatchObject({
      responses: 2,
      members: 3,
      responseRate: 2 / 3,
      kpi: { ratingId: 'recommend', label: 'Likelihood to recommend to others', excellent: 1, share: 0.5, target: 0.9, met: false },
      questions: [
        { id: 'most-valuable', total: 1, answers: ['Controlled time'] },
        { id: 'improvements', total: 1, answers: ['=HYPERLINK("x")'] },
      ],
    });
    expect(summary?.ratings.map((r) => [r.id, r.average, r.counts])).toEqual([
      ['objectives', 4, [0, 0, 1, 0, 1]],
      ['applicability', 3, [0, 1, 0, 1, 0]],
      ['confidence', 3.5, [0, 0, 1, 1, 0]],
      ['recommend', 4, [0, 0, 1, 0, 1]],
    ]);
    expect(excellentShare([])).toBeNull();

    const outline = await getOutline(PROGRAM);
    const dashboard = await buildCohortDashboard(t.app.db, cohort, { program, lessonSessions: new Map(outline?.lessons.map((l) => [l.slug, l.session.number])), exercises: [], certification: null }, LAST + 10);
    const kpi = dashboard.report.kpis.find((k) => k.id === 'program-rating');
    expect(kpi).toMatchObject({ label: 'Rated Excellent or Very good', value: 0.5, target: 0.9, met: false });
    expect(kpi?.detail).toBe('1 of 2 respondents rated the training 4 or 5 · 2 of 3 answered');
    expect(dashboard.programFeedback?.responses).toBe(2);

    const kpis = parseCsv(kpiCsv(dashboard.report));
    expect(kpis[0]).toEqual(['kpi', 'label', 'value', 'target', 'met', 'detail']);
    expect(kpis.find((r) => r[0] === 'program-rating')?.slice(0, 5)).toEqual(['program-rating', 'Rated Excellent or Very good', '0.5', '0.9', 'no']);
    const answers = parseCsv(await programFeedbackCsv(t.app.db, dashboard.report, program));
    expect(answers[0]).toEqual(['submitted_utc', 'updated_utc', 'rating_objectives', 'rating_applicability', 'rating_confidence', 'rating_recommend', 'answer_most-valuable', 'answer_improvements']);
    expect(answers.slice(1).map((r) => r.slice(2))).toEqual([
      ['5', '4', '4', '5', 'Controlled time', ''],
      ['3', '2', '3', '3', '', `'=HYPERLINK("x")`],
    ]);
  });

  it('has no KPI without respondents, and none at all for a program without the form', async () => {
    const summary = await programFeedbackSummary(t.app.db, cohort.id, 3, program);
    expect(summary?.kpi).toMatchObject({ share: null, met: null, excellent: 0 });
    expect(summary?.responses).toBe(0);
    const { programFeedback: _form, ...withoutForm } = program;
    expect(await programFeedbackSummary(t.app.db, cohort.id, 3, withoutForm)).toBeNull();
  });

  it('the schema names a training rating that is not one of the ratings, and a question id used twice', () => {
    const raw = { ...program, programFeedback: { ratings: [{ id: 'a', label: 'A' }], questions: [{ id: 'a', label: 'Again' }], trainingRating: 'overall' } };
    const parsed = programSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    const messages = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('programFeedback.questions.0.id: "a" is used twice: give each question of the form its own id');
    expect(messages).toContain('programFeedback.trainingRating: "overall" is not one of the ratings (a): name the rating that judges the training as a whole');
  });
});
