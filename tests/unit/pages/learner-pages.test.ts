// The learner's pages and the services behind them, on a real SQLite file with the repository's
// content: program and progress pages, lessons, session feedback, the certification landing page,
// an attempt from first answer to results, the exercise page and public verification.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../src/server/auth/roles.ts';
import { attemptPage, type AttemptPage } from '../../../src/server/assessment/attempt-page.ts';
import { startAttempt } from '../../../src/server/assessment/attempts.ts';
import { certificationPage, type CertificationPage } from '../../../src/server/assessment/certification-page.ts';
import { loadAssessmentContent } from '../../../src/server/assessment/content.ts';
import { submitAttemptAndIssue } from '../../../src/server/assessment/submit-attempt.ts';
import { certificateIdFrom, verifyPage } from '../../../src/server/certificates/verify-page.ts';
import { getAttempt, insertAttempt } from '../../../src/server/db/attempts.ts';
import { insertCertificate } from '../../../src/server/db/certificates.ts';
import { feedbackGiven } from '../../../src/server/db/feedback.ts';
import { completedLessons, recordCheckAnswer } from '../../../src/server/db/progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { exercisePage, nestInstructions, scriptJson } from '../../../src/server/exercises/exercise-page.ts';
import { feedbackPage } from '../../../src/server/feedback/feedback-page.ts';
import { HttpError } from '../../../src/server/http.ts';
import { checkState } from '../../../src/server/programs/lesson-check.ts';
import { lessonPage } from '../../../src/server/programs/lesson-page.ts';
import { mePage } from '../../../src/server/programs/me-page.ts';
import { programPage } from '../../../src/server/programs/program-page.ts';
import { SeeOther } from '../../../src/server/route.ts';
import { formPost, getRequest, tempApp, type TempApp } from '../../helpers/temp-app.ts';

const PROGRAM = 'clean-timestamp';
let t: TempApp;
let ann: SessionUser;

async function refusal(fn: () => unknown): Promise<HttpError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

async function pass(user: SessionUser, exerciseId: string): Promise<void> {
  const id = await insertQueuedSubmission(t.app.db, { userId: user.id, exerciseId, files: {} });
  await completeSubmission(t.app.db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [] });
}

/** A certificate as the assessment engine stores it: for a (scored) attempt of the holder. */
async function certificate(user: SessionUser, opts: { expiresAt: number | null; name?: string; skills?: { skill: string; score: number }[] }): Promise<string> {
  const attemptId = `att-${Math.random().toString(36).slice(2)}`;
  await insertAttempt(t.app.db, { id: attemptId, userId: user.id, program: PROGRAM, paper: { quiz: {}, tasks: [] }, startedAt: 0, expiresAt: 1 });
  return (await insertCertificate(
    t.app.db,
    { userId: user.id, attemptId, program: PROGRAM, level: 'associate', learnerName: opts.name ?? user.name, learnerEmail: user.email, score: 0.9, breakdown: { components: [], skills: opts.skills ?? [] }, issuedAt: 1, expiresAt: opts.expiresAt },
    8,
  )).id;
}

const ratings = { content: '5', pace: '4', exercises: '5', instruction: '4', overall: '5' };

beforeEach(async () => {
  t = await tempApp();
  ann = await t.user('ann@example.com');
});
afterEach(() => t.cleanup());

describe('program and progress pages', () => {
  it('the program page shows the learner’s lessons and practice exercises in order', async () => {
    const first = (await programPage(t.app.db, null, PROGRAM)).outline.lessons[0]?.slug ?? '';
    await pass(ann, 's1-project-entity');
    const page = await lessonPage(t.app, ann, PROGRAM, first, formPost({ done: 'true' }), `/programs/${PROGRAM}/${first}`);
    expect(page).toEqual(new SeeOther(`/programs/${PROGRAM}/${first}#progress`));
    const data = await programPage(t.app.db, ann, PROGRAM);
    expect([...data.done]).toEqual([first]);
    expect(data.doneShare).toBeCloseTo(1 / data.outline.lessons.length);
    expect(data.firstOpen?.slug).toBe(data.outline.lessons[1]?.slug);
    expect(data.exercises.find((x) => x.id === 's1-project-entity')).toMatchObject({ href: '/exercises/s1-project-entity', passed: true });
    expect(data.exercises.some((x) => x.id.startsWith('cert-'))).toBe(false);
    expect((await refusal(() => programPage(t.app.db, ann, 'nope'))).status).toBe(404);
  });

  it('a lesson is marked done and not done by form posts; signed out, 401; unknown lessons 404', async () => {
    const slug = (await programPage(t.app.db, null, PROGRAM)).outline.lessons[2]?.slug ?? '';
    const path = `/programs/${PROGRAM}/${slug}`;
    await lessonPage(t.app, ann, PROGRAM, slug, formPost({ done: 'true' }), path);
    expect((await completedLessons(t.app.db, ann.id, PROGRAM)).has(slug)).toBe(true);
    await lessonPage(t.app, ann, PROGRAM, slug, formPost({ done: 'false' }), path);
    expect((await completedLessons(t.app.db, ann.id, PROGRAM)).has(slug)).toBe(false);
    expect((await refusal(() => lessonPage(t.app, null, PROGRAM, slug, formPost({ done: 'true' }), path))).status).toBe(401);
    expect((await refusal(() => lessonPage(t.app, ann, PROGRAM, 'no-such-lesson', getRequest(), path))).status).toBe(404);
  });

  it('the me page counts a certificate only while it is active', async () => {
    const issue = (expiresAt: number | null) => certificate(ann, { expiresAt });
    await issue(1000);
    const me = async () => {
      const data = await mePage(t.app, ann, getRequest(), 2000);
      if (data instanceof SeeOther) throw new Error('a GET redirected');
      return data;
    };
    let data = await me();
    expect(data.certificates.map((c) => c.status)).toEqual(['expired']);
    // Named as people read them: the level's and the program's names, not their ids.
    expect(data.certificates.map((c) => [c.levelName, c.programTitle])).toEqual([['Certified Clean Timestamp Associate', 'Clean Timestamp System Mastery']]);
    expect(data.progress.find((p) => p.program === PROGRAM)?.certified).toBe(false);
    await issue(null);
    data = await me();
    expect(data.progress.find((p) => p.program === PROGRAM)?.certified).toBe(true);
    expect((await refusal(() => mePage(t.app, null, getRequest()))).status).toBe(401);
  });

  it('a lesson check renders as the learner left it', async () => {
    const where = { program: PROGRAM, lesson: 'intro', checkId: 'why' };
    const check = { options: ['a', 'b', 'c'], answer: 1 };
    expect(await checkState(t.app.db, ann, where, check)).toEqual({ chosen: -1, state: undefined });
    await recordCheckAnswer(t.app.db, { userId: ann.id, program: PROGRAM, lesson: 'intro', checkId: 'why', chosen: 'c', correct: false });
    expect(await checkState(t.app.db, ann, where, check)).toEqual({ chosen: 2, state: 'wrong' });
    expect(await checkState(t.app.db, null, where, check)).toEqual({ chosen: -1, state: undefined });
    expect(await checkState(t.app.db, ann, where, { options: ['x', 'y'], answer: 0 })).toEqual({ chosen: -1, state: undefined });
  });
});

describe('session feedback page', () => {
  it('saves a posted form and shows it next time', async () => {
    const saved = await feedbackPage(t.app.db, ann, PROGRAM, formPost({ session: '2', ...ratings, comment: ' More pairing ' }));
    expect([saved.status, saved.saved, saved.error]).toEqual([200, 2, null]);
    expect(saved.given.get(2)).toEqual({ ratings: { content: 5, pace: 4, exercises: 5, instruction: 4, overall: 5 }, comment: 'More pairing' });
  });

  it('refuses a missing rating, a session the program lacks and an overlong comment, saving nothing', async () => {
    const post = (fields: Record<string, string>) => feedbackPage(t.app.db, ann, PROGRAM, formPost(fields));
    expect(await post({ session: '1', ...ratings, pace: '6' })).toMatchObject({ status: 400, error: 'Rate “Pace and timing” from 1 to 5.' });
    expect(await post({ session: '9', ...ratings })).toMatchObject({ status: 400, error: 'Choose a session.' });
    expect(await post({ session: '1', ...ratings, comment: 'x'.repeat(4001) })).toMatchObject({ status: 400, error: 'Keep the suggestion under 4,000 characters.' });
    expect((await feedbackGiven(t.app.db, ann.id, PROGRAM)).size).toBe(0);
    expect((await refusal(() => feedbackPage(t.app.db, ann, 'nope', getRequest()))).status).toBe(404);
    expect((await refusal(() => feedbackPage(t.app.db, null, PROGRAM, getRequest()))).status).toBe(401);
  });
});

describe('certification landing page', () => {
  const landing = async (user: SessionUser | null, request = getRequest()) => certificationPage(t.app, user, PROGRAM, request, `/certifications/${PROGRAM}`);

  it('signed out: every level with its rules and a way to sign in, no standing', async () => {
    const data = (await landing(null)) as CertificationPage;
    expect(data.certification.program).toBe(PROGRAM);
    expect(data.ladder).toBeNull();
    expect(data.signInHref).toBe('/login?next=%2Fcertifications%2Fclean-timestamp');
    expect(data.levels.map((l) => [l.level.name, l.assessment.kind, l.step, l.action])).toEqual([
      ['Certified Clean Timestamp Associate', 'exam', null, null],
      ['Certified Clean Timestamp Professional', 'exam', null, null],
      ['Certified Clean Timestamp Expert', 'case-study', null, null],
    ]);
    const [associate, professional, expert] = data.levels;
    if (associate?.assessment.kind !== 'exam' || professional?.assessment.kind !== 'exam' || expert?.assessment.kind !== 'case-study') throw new Error('unexpected ladder');
    const components = associate.assessment.components;
    expect(components.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1);
    expect(components.map((c) => c.name)).toEqual(['Theory quiz', 'Practical implementation', 'Troubleshooting', 'Optimization', 'Code review']);
    // Each task says how it is scored, from its exercise's kind: a review is matched, not tested.
    const what = new Map(components.map((c) => [c.name, c.what]));
    expect(what.get('Code review')).toMatch(/scored by matching your findings/);
    expect(what.get('Code review')).not.toMatch(/hidden tests/);
    expect(what.get('Practical implementation')).toMatch(/graded by hidden tests/);
    expect(professional.assessment.components.map((c) => c.name)).toHaveLength(4);
    expect(professional.prerequisites.level).toEqual({ name: 'Certified Clean Timestamp Associate', months: 6, waivable: true });
    expect(professional.prerequisites.exercises.map((x) => x.title).every((title) => title && !title.startsWith('s3-'))).toBe(true);
    expect(expert.assessment.briefHtml).toContain('<strong>Build (TypeScript):</strong>');
    expect(data.levels.every((l) => l.blockers.length === 0)).toBe(true);
    expect((await refusal(() => certificationPage(t.app, null, 'nope', getRequest(), '/certifications/nope'))).status).toBe(404);
  });

  it('refuses a start before the prerequisites (409, in the page) and starts once they are passed', async () => {
    const early = (await landing(ann, formPost({}))) as CertificationPage;
    expect(early.status).toBe(409);
    expect(early.error).toMatch(/Complete these exercises first/);
    const [associate, professional] = early.levels;
    expect(associate?.step?.earn.reasons.map((r) => r.code)).toContain('prerequisites');
    expect(professional?.step?.earn.reasons.map((r) => r.code)).toEqual(['prerequisites', 'level-required']);
    // Learners read titles, linked once, never the exercises' ids.
    const content0 = await loadAssessmentContent(PROGRAM);
    const ids = content0.certification.levels[0]?.prerequisites.exercises ?? [];
    expect(early.error).not.toMatch(new RegExp(ids.join('|')));
    const [prerequisites] = associate?.blockers ?? [];
    expect(prerequisites?.message).toBe('Complete these exercises first:');
    expect(prerequisites?.exercises).toEqual(ids.map((id) => ({ href: `/exercises/${id}`, title: content0.exerciseTitles?.get(id) })));
    expect(prerequisites?.exercises.every((x) => x.title && !ids.includes(x.title))).toBe(true);
    for (const id of ids) await pass(ann, id);
    const started = await landing(ann, formPost({}));
    expect(started).toBeInstanceOf(SeeOther);
    const attemptId = (started as SeeOther).location.split('/').pop() ?? '';
    expect((started as SeeOther).location).toBe(`/certifications/${PROGRAM}/attempts/${attemptId}`);
    const after = (await landing(ann)) as CertificationPage;
    expect(after.levels[0]?.open?.id).toBe(attemptId);
    expect(after.ladder?.next).toMatchObject({ kind: 'earn', text: 'Earn “Certified Clean Timestamp Associate”: take its exam.' });
    expect((await refusal(() => landing(null, formPost({})))).status).toBe(401);
  });

  it('refuses a Professional exam without Associate, naming what is missing, and starts a practice exam at any level', async () => {
    const refused = (await landing(ann, formPost({ level: 'professional' }))) as CertificationPage;
    expect(refused.status).toBe(409);
    expect(refused.error).toContain('Hold an active “Certified Clean Timestamp Associate” certificate first.');
    expect((await landing(ann, formPost({ level: 'nope' })) as CertificationPage).status).toBe(400);
    for (const level of ['associate', 'professional', 'expert']) {
      const practice = await landing(ann, formPost({ level, action: 'practice' }));
      expect(practice).toBeInstanceOf(SeeOther);
      expect((practice as SeeOther).location).toMatch(new RegExp(`^/certifications/${PROGRAM}/practice/[A-Za-z0-9_-]+$`));
    }
  });
});

describe('an attempt, from answers to results', () => {
  async function started(user: SessionUser): Promise<string> {
    const content = await loadAssessmentContent(PROGRAM);
    for (const id of content.certification.levels[0]?.prerequisites.exercises ?? []) await pass(user, id);
    return (await startAttempt(t.app.db, user, content, Date.now())).attemptId;
  }
  const path = (id: string) => `/certifications/${PROGRAM}/attempts/${id}`;
  const open = async (user: SessionUser, id: string, request = getRequest()) => attemptPage(t.app, user, id, request, path(id));

  it('saves posted answers and flags, then asks to confirm a submit with questions unanswered', async () => {
    const id = await started(ann);
    const first = (await open(ann, id)) as AttemptPage;
    expect([first.state, first.status, first.results]).toEqual(['open', 200, null]);
    expect(first.taskHref('cert-release-entity')).toBe(`/exercises/cert-release-entity?attempt=${id}`);
    const q = first.view.questions[0];
    if (!q) throw new Error('the paper has no questions');
    const saved = await open(ann, id, formPost({ [`q:${q.id}`]: q.type === 'multiple' ? [q.options[0]?.id ?? ''] : (q.options[0]?.id ?? ''), flag: q.id, action: 'save' }));
    expect(saved).toEqual(new SeeOther(path(id)));
    const stored = await getAttempt(t.app.db, id);
    expect(Object.keys(stored?.answers ?? {})).toEqual([q.id]);
    expect(stored?.flags).toEqual([q.id]);

    const asked = (await open(ann, id, formPost({ action: 'submit' }))) as AttemptPage;
    expect(asked.status).toBe(200);
    expect(asked.unconfirmed?.questions.length).toBe(first.view.questions.length);
    expect(asked.unconfirmed?.tasks.length).toBe(first.view.tasks.length);
    expect((await getAttempt(t.app.db, id))?.status).toBe('open');
  });

  it('submits when confirmed, then shows the results with every question reviewed', async () => {
    const id = await started(ann);
    expect(await open(ann, id, formPost({ action: 'submit-confirmed' }))).toEqual(new SeeOther(path(id)));
    const data = (await open(ann, id)) as AttemptPage;
    expect(data.state).toBe('submitted');
    const results = data.results;
    if (!results) throw new Error('no results for a submitted attempt');
    expect([results.passed, results.score, results.certificateId]).toEqual([false, 0, null]);
    const exam = data.certification.levels[0]?.assessment;
    expect(results.components.map((c) => c.id)).toEqual(exam?.type === 'exam' ? exam.components : []);
    expect(results.skills.every((s) => !s.met)).toBe(true);
    // The four areas of the course's competency assessment, in its order, each against its target.
    expect(results.skills.map((s) => [s.name, s.target])).toEqual([
      ['BaseTimestampEntity Implementation', 0.8],
      ['Domain Event Handling', 0.8],
      ['Production Troubleshooting', 0.75],
      ['Performance Optimization', 0.75],
    ]);
    expect(results.study?.lessons.length).toBeGreaterThan(0);
    expect(results.study?.lessons.every((l) => l.href.startsWith(`/programs/${PROGRAM}/`))).toBe(true);
    expect(results.questions.length).toBe(data.view.questions.length);
    expect(results.questions.every((q) => q.mark === 0 && q.options.some((o) => o.correct) && q.options.every((o) => !o.chosen))).toBe(true);
    // A second post to a submitted attempt changes nothing and is not an error.
    expect((await open(ann, id, formPost({ action: 'submit-confirmed' })) as AttemptPage).status).toBe(200);
  });

  it('submitAttemptAndIssue asks for confirmation only while the attempt is open', async () => {
    const id = await started(ann);
    const asked: boolean[] = [];
    const e = await refusal(() => submitAttemptAndIssue(t.app, ann, id, () => { asked.push(true); return false; }));
    expect([e.status, e.code]).toEqual([409, 'confirmation_required']);
    expect(e.details?.['outstanding']).toMatchObject({ questions: expect.any(Array), tasks: expect.any(Array) });
    const outcome = await submitAttemptAndIssue(t.app, ann, id, () => true);
    expect([outcome.passed, outcome.certificateId]).toEqual([false, undefined]);
    const again = await refusal(() => submitAttemptAndIssue(t.app, ann, id, () => { asked.push(true); return true; }));
    expect([again.status, again.code, asked.length]).toEqual([409, 'already_submitted', 1]);
  });

  it('is only its candidate’s', async () => {
    const id = await started(ann);
    const bob = await t.user('bob@example.com');
    expect((await refusal(() => open(bob, id))).status).toBe(403);
    expect((await refusal(() => attemptPage(t.app, null, id, getRequest(), path(id)))).status).toBe(401);
    expect((await refusal(() => open(ann, 'nope'))).status).toBe(404);
  });
});

describe('exercise page', () => {
  it('nests the instructions under the page’s headings and embeds the view safely', async () => {
    const data = await exercisePage(t.app, ann, 's1-project-entity', null);
    if (data.kind !== 'exercise') throw new Error(data.message);
    expect(data.instructionsHtml).not.toMatch(/<h1[\s>]/);
    expect(data.instructionsHtml).toMatch(/<h[3-6][\s>]/);
    expect(data.embedded).not.toContain('<');
    expect(JSON.parse(data.embedded)).toMatchObject({ view: { id: 's1-project-entity', submitUrl: '/api/exercises/s1-project-entity/submissions' }, signedIn: true, userId: ann.id });
    expect([data.showSolution, data.usedUp, data.attemptHref]).toEqual([true, false, null]);
  });

  it('explains in place why an exercise cannot be opened; a task of an attempt needs a sign-in', async () => {
    expect(await exercisePage(t.app, ann, 'no-such-exercise', null)).toMatchObject({ kind: 'problem', status: 404 });
    expect(await exercisePage(t.app, ann, 'cert-release-entity', null)).toMatchObject({ kind: 'problem', status: 403 });
    expect((await refusal(() => exercisePage(t.app, null, 'cert-release-entity', 'some-attempt'))).status).toBe(401);
  });

  it('nestInstructions and scriptJson', () => {
    expect(nestInstructions('  <h1 id="t">Title</h1>\n<h2>Steps</h2><p>x</p><h5>deep</h5><h6>deepest</h6>')).toBe('<h3>Steps</h3><p>x</p><h6>deep</h6><h6>deepest</h6>');
    expect(scriptJson({ code: '</script><script>alert(1)</script>' })).toBe('{"code":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
  });
});

describe('public verification', () => {
  it('shows a certificate by id, and a miss as a 404 without details', async () => {
    const id = await certificate(ann, { expiresAt: null, name: 'Ann Lee', skills: [{ skill: 'production-troubleshooting', score: 0.8 }] });
    const found = await verifyPage(t.app, id, 'client-1');
    expect(found).toMatchObject({ found: true, certificate: { id, holder: 'Ann Lee', status: 'active', skills: [{ skill: 'production-troubleshooting', name: 'Production Troubleshooting', score: 0.8 }] } });
    expect(JSON.stringify(found)).not.toContain('ann@example.com');
    expect(await verifyPage(t.app, 'a'.repeat(32), 'client-1')).toEqual({ found: false, status: 404, headers: {} });
  });

  it('reads the id out of a pasted id or verification URL', () => {
    expect(certificateIdFrom('  abc123  ')).toBe('abc123');
    expect(certificateIdFrom('https://practicum.example/verify/abc123?utm=x#top')).toBe('abc123');
    expect(certificateIdFrom('')).toBe('');
  });
});
