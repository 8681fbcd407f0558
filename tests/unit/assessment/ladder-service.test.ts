// The certification ladder through its services, on a real SQLite file with the repository's content:
// earning Associate (with distinction), the Professional exam after the holding period or a cohort's
// waiver, renewing before expiry, practice exams that are never counted or credited, and an Expert
// case study from upload to an instructor's sign-off; what /me's ladder says at each step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { SessionUser } from '../../../src/server/auth/roles.ts';
import { attemptsAt, eligibilityFor, startAttempt, submitAttempt, type AssessmentContent, type Target } from '../../../src/server/assessment/attempts.ts';
import { changeCaseStudyFiles, openCaseStudy, reviewCaseStudy, submitCaseStudy } from '../../../src/server/assessment/case-study.ts';
import { createRng } from '../../../src/server/assessment/draw.ts';
import { ladderFor } from '../../../src/server/assessment/ladder.ts';
import { startPractice, submitPractice } from '../../../src/server/assessment/practice.ts';
import { addMonths, certificateExpiresAt } from '../../../src/server/assessment/rules.ts';
import { createCohort } from '../../../src/server/cohorts/create.ts';
import { joinCohortByCode } from '../../../src/server/cohorts/membership.ts';
import { changeWaiver, waiverStates } from '../../../src/server/cohorts/waivers.ts';
import { loadContent } from '../../../src/server/content/files.ts';
import { listAttempts, questionUsage } from '../../../src/server/db/attempts.ts';
import { getCaseStudy } from '../../../src/server/db/case-studies.ts';
import { certificatesOf, getCertificate } from '../../../src/server/db/certificates.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { HttpError } from '../../../src/server/http.ts';
import type { Cohort } from '../../../src/server/db/cohorts.ts';
import { tempApp, type TempApp } from '../../helpers/temp-app.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const set = loadContent(ROOT);
const certification = set.certifications.find((c) => c.data.program === 'clean-timestamp')?.data;
const program = set.programs.find((p) => p.data.id === 'clean-timestamp')?.data;
if (!certification || !program) throw new Error('the clean-timestamp program and certification are content of this repository');
const content: AssessmentContent = {
  certification,
  bank: set.questions.filter((q) => q.program === 'clean-timestamp').map((q) => q.data),
  exerciseTitles: new Map(set.exercises.map((e) => [e.data.id, e.data.title])),
};
const keyOf = new Map(content.bank.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-15T09:00:00Z');

let t: TempApp;
let ann: SessionUser;
let instructor: SessionUser;
let cohort: Cohort;

async function refusal(fn: () => unknown): Promise<HttpError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

async function passExercise(user: SessionUser, exerciseId: string, attemptId: string | null = null, score = 1, at = T0 - DAY): Promise<void> {
  const id = await insertQueuedSubmission(t.app.db, { userId: user.id, exerciseId, attemptId, files: { 'a.ts': exerciseId }, now: at });
  await completeSubmission(t.app.db, id, { status: score >= 1 ? 'pass' : 'fail', score, result: {}, durationMs: 1, failedTests: [], now: at });
}

/** Takes an exam at `at`: every quiz key, the given score per task (1 when not given), submitted a minute later. */
async function takeExam(user: SessionUser, target: Target, at: number, taskScores: Record<string, number> = {}) {
  const view = await startAttempt(t.app.db, user, content, at, createRng(7), target);
  const answers = Object.fromEntries(view.questions.map((q) => [q.id, q.type === 'multiple' ? (keyOf.get(q.id) ?? []) : (keyOf.get(q.id)?.[0] ?? '')]));
  await t.app.db.run('UPDATE attempts SET answers = ? WHERE id = ?', JSON.stringify(answers), view.attemptId);
  for (const task of view.tasks) await passExercise(user, task.exerciseId, view.attemptId, taskScores[task.exerciseId] ?? 1, at + 1000);
  return { view, outcome: await submitAttempt(t.app.db, user, view.attemptId, content, at + 60_000) };
}

const level = (id: string) => certification.levels.find((l) => l.id === id) ?? (() => { throw new Error(id); })();

beforeEach(async () => {
  t = await tempApp();
  ann = await t.user('ann@example.com');
  instructor = await t.user('teach@example.com', 'instructor');
  cohort = await createCohort(t.app.db, instructor, { name: 'Spring', program: 'clean-timestamp', sessionDates: ['2025-12-01', '2025-12-04', '2025-12-07'] }, [program], T0 - 60 * DAY);
  await joinCohortByCode(t.app.db, cohort.joinCode, ann.id, T0 - 60 * DAY);
  for (const l of certification.levels) for (const id of l.prerequisites.exercises) await passExercise(ann, id);
});
afterEach(() => t.cleanup());

describe('climbing the ladder with exams', () => {
  it('earns Associate with distinction, valid one year, and names the next step and what is missing', async () => {
    const { view, outcome } = await takeExam(ann, { level: 'associate', purpose: 'certify' }, T0);
    expect(view).toMatchObject({ level: 'associate', levelName: 'Certified Clean Timestamp Associate', purpose: 'certify' });
    expect(view.tasks.map((task) => task.exerciseId).sort()).toEqual(['cert-bulk-status', 'cert-code-review', 'cert-leaky-service', 'cert-release-entity']);
    expect(view.questions).toHaveLength(10);
    expect(view.questions.every((q) => content.bank.find((b) => b.id === q.id)?.practice !== true)).toBe(true);
    expect(outcome).toMatchObject({ passed: true, score: 1, level: 'associate', purpose: 'certify', distinction: true });
    const certificate = await getCertificate(t.app.db, outcome.certificateId ?? '');
    expect(certificate).toMatchObject({ level: 'associate', distinction: true, issuedAt: T0 + 60_000, expiresAt: certificateExpiresAt(T0 + 60_000, 12) });

    const ladder = await ladderFor(t.app.db, ann.id, content, T0 + DAY);
    expect(ladder.steps.map((s) => [s.level.id, s.standing.held])).toEqual([['associate', true], ['professional', false], ['expert', false]]);
    expect(ladder.steps[0]?.certificate?.title).toBe('Certified Clean Timestamp Associate with distinction');
    const until = addMonths(T0 + 60_000, 6);
    expect(ladder.next).toMatchObject({ kind: 'wait', level: { id: 'professional' } });
    expect(ladder.next.text).toBe(`“Certified Clean Timestamp Professional” opens to you on ${new Date(until).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}.`);
    expect(ladder.next.kind === 'wait' ? ladder.next.missing : []).toEqual([`Hold “Certified Clean Timestamp Associate” for 6 months first (until ${new Date(until).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}).`]);
    expect(ladder.reminders).toEqual([]);
  });

  it('names missing exercises by title, never by id', async () => {
    const bob = await t.user('bob@example.com');
    const ladder = await ladderFor(t.app.db, bob.id, content, T0);
    const missing = ladder.next.kind === 'wait' ? ladder.next.missing : [];
    const ids = level('associate').prerequisites.exercises;
    expect(missing).toEqual(ids.map((id) => `Pass the exercise “${content.exerciseTitles?.get(id)}”`));
    expect(missing.join(' ')).not.toMatch(new RegExp(`\\b(${ids.join('|')})\\b`));
  });

  it('opens the Professional exam after six months, or at once when the cohort waives the wait', async () => {
    await takeExam(ann, { level: 'associate', purpose: 'certify' }, T0);
    const pro = { level: 'professional', purpose: 'certify' } as const;
    const early = await refusal(() => startAttempt(t.app.db, ann, content, T0 + 30 * DAY, createRng(1), pro));
    expect([early.status, early.code]).toEqual([409, 'not_eligible']);
    expect((early.details?.['reasons'] as { code: string }[]).map((r) => r.code)).toEqual(['holding-period']);

    // The instructor waives the wait for the cohort (audited); the learner may start at once.
    const learner = await refusal(() => changeWaiver(t.app.db, ann, cohort.id, certification, { level: 'professional', waived: true }, T0));
    expect(learner.status).toBe(403);
    expect((await changeWaiver(t.app.db, instructor, cohort.id, certification, { level: 'professional', waived: true }, T0 + 30 * DAY)).changed).toBe(true);
    expect(await waiverStates(t.app.db, cohort, certification)).toMatchObject([{ level: 'professional', waived: true, months: 6, requiredName: 'Certified Clean Timestamp Associate', waivedBy: 'teach' }]);
    expect(await t.app.db.all("SELECT actor_id, action, subject, detail FROM audit_log WHERE action LIKE 'cohort.waiver.%'")).toEqual([
      { actor_id: instructor.id, action: 'cohort.waiver.grant', subject: cohort.id, detail: '{"level":"professional"}' },
    ]);
    expect((await eligibilityFor(t.app.db, ann.id, content, pro, T0 + 30 * DAY)).eligible).toBe(true);

    // The exam: four advanced tasks, no quiz; three fully correct is a pass.
    const { view, outcome } = await takeExam(ann, pro, T0 + 31 * DAY, { 'cert-pro-audit-trail': 0.5 });
    expect(view.questions).toEqual([]);
    expect(view.tasks.map((task) => task.exerciseId).sort()).toEqual(['cert-pro-audit-trail', 'cert-pro-catalogue-import', 'cert-pro-cluster-clock', 'cert-pro-tenant-documents']);
    expect(Date.parse(view.expiresAt) - (T0 + 31 * DAY)).toBe(180 * 60_000);
    expect(outcome).toMatchObject({ passed: true, level: 'professional', score: 0.875, distinction: false });
    expect((await getCertificate(t.app.db, outcome.certificateId ?? ''))?.expiresAt).toBe(certificateExpiresAt(T0 + 31 * DAY + 60_000, 24));

    // Reinstating the wait changes nothing already earned.
    expect((await changeWaiver(t.app.db, instructor, cohort.id, certification, { level: 'professional', waived: false }, T0 + 32 * DAY)).changed).toBe(true);
    expect((await ladderFor(t.app.db, ann.id, content, T0 + 32 * DAY)).steps[1]?.standing.held).toBe(true);
  });

  it('fails the Professional exam with two tasks passed, and holds its own cool-down', async () => {
    await takeExam(ann, { level: 'associate', purpose: 'certify' }, T0);
    const at = addMonths(T0, 6) + DAY;
    const { outcome } = await takeExam(ann, { level: 'professional', purpose: 'certify' }, at, { 'cert-pro-audit-trail': 0.9, 'cert-pro-catalogue-import': 0.9 });
    expect(outcome).toMatchObject({ passed: false, level: null });
    expect(outcome.certificateId).toBeUndefined();
    const again = await refusal(() => startAttempt(t.app.db, ann, content, at + 2 * DAY, createRng(2), { level: 'professional', purpose: 'certify' }));
    expect((again.details?.['reasons'] as { code: string }[]).map((r) => r.code)).toEqual(['cooldown']);
    // The Associate exam's attempts are not the Professional's.
    expect(await attemptsAt(t.app.db, ann.id, certification, { level: 'associate', purpose: 'certify' })).toHaveLength(1);
  });
});

describe('renewal', () => {
  it('renews Associate in its window with the shorter exam, the new certificate running on from the old expiry', async () => {
    const { outcome: first } = await takeExam(ann, { level: 'associate', purpose: 'certify' }, T0);
    const expiresAt = certificateExpiresAt(T0 + 60_000, 12);
    const renew = { level: 'associate', purpose: 'renew' } as const;
    expect((await refusal(() => startAttempt(t.app.db, ann, content, expiresAt - 61 * DAY, createRng(3), renew))).message).toMatch(/^Renewal opens on \d{1,2} [A-Z][a-z]{2,4} \d{4}, 60 days before/);

    // From 30 days before the expiry /me reminds the holder, and the next step is the renewal.
    const reminded = await ladderFor(t.app.db, ann.id, content, expiresAt - 30 * DAY);
    expect(reminded.reminders).toEqual([{ level: level('associate'), expiresAt, renewable: true }]);
    expect(reminded.next).toMatchObject({ kind: 'renew', level: { id: 'associate' }, by: expiresAt });
    expect((await ladderFor(t.app.db, ann.id, content, expiresAt - 31 * DAY)).reminders).toEqual([]);

    const { view, outcome } = await takeExam(ann, renew, expiresAt - 20 * DAY);
    expect(view).toMatchObject({ purpose: 'renew', level: 'associate' });
    expect(view.tasks.map((task) => task.exerciseId).sort()).toEqual(['cert-code-review', 'cert-leaky-service']);
    expect(view.questions).toHaveLength(8);
    expect(Date.parse(view.expiresAt) - (expiresAt - 20 * DAY)).toBe(60 * 60_000);
    expect(outcome).toMatchObject({ passed: true, level: 'associate', purpose: 'renew' });
    const renewed = await getCertificate(t.app.db, outcome.certificateId ?? '');
    expect(renewed?.expiresAt).toBe(certificateExpiresAt(expiresAt, 12));
    // The first certificate stays valid to its own expiry: nothing issued becomes invalid.
    expect((await getCertificate(t.app.db, first.certificateId ?? ''))?.revokedAt).toBeNull();

    const after = await ladderFor(t.app.db, ann.id, content, expiresAt + DAY);
    expect(after.steps[0]?.standing).toMatchObject({ held: true, heldSince: T0 + 60_000, expiresAt: certificateExpiresAt(expiresAt, 12), renewalDue: false });
    expect(after.reminders).toEqual([]);
    expect((await refusal(() => startAttempt(t.app.db, ann, content, expiresAt + DAY, createRng(4), renew))).code).toBe('not_eligible');
  });

  it('is refused once the certificate has expired: the level is earned again with the full exam', async () => {
    await takeExam(ann, { level: 'associate', purpose: 'certify' }, T0);
    const later = certificateExpiresAt(T0 + 60_000, 12) + DAY;
    const refused = await refusal(() => startAttempt(t.app.db, ann, content, later, createRng(5), { level: 'associate', purpose: 'renew' }));
    expect((refused.details?.['reasons'] as { code: string }[]).map((r) => r.code)).toEqual(['not-held']);
    expect((await ladderFor(t.app.db, ann.id, content, later)).steps[0]?.standing).toMatchObject({ held: false, lapsed: true });
    expect((await takeExam(ann, { level: 'associate', purpose: 'certify' }, later)).outcome.passed).toBe(true);
  });
});

describe('practice exams', () => {
  it('draw only practice items of the level, score them with explanations, and are never counted or credited', async () => {
    for (const l of certification.levels) {
      const view = await startPractice(t.app.db, ann, content, l.id, T0, createRng(11));
      expect(view.questions).toHaveLength(l.practice?.questionCount ?? -1);
      for (const q of view.questions) {
        const item = content.bank.find((b) => b.id === q.id);
        expect(item?.practice).toBe(true);
        if (l.practice?.sessions) expect(l.practice.sessions).toContain(item?.session);
        if (l.practice?.difficulties) expect(l.practice.difficulties).toContain(item?.difficulty);
      }
      const answers = Object.fromEntries(view.questions.map((q, i) => [q.id, i === 0 ? null : q.type === 'multiple' ? (keyOf.get(q.id) ?? []) : (keyOf.get(q.id)?.[0] ?? '')]));
      const result = await submitPractice(t.app.db, ann.id, view.practiceId, answers, content, T0 + 60_000);
      expect(result.score).toBeCloseTo((view.questions.length - 1) / view.questions.length, 12);
      expect(result.review.map((r) => r.mark)).toEqual(view.questions.map((_, i) => (i === 0 ? 0 : 1)));
      expect(result.review.every((r) => r.explanation.length > 20 && r.options.some((o) => o.correct))).toBe(true);
      expect((await refusal(() => submitPractice(t.app.db, ann.id, view.practiceId, {}, content, T0 + 120_000))).status).toBe(409);
    }
    // Nothing of it is an attempt, a use of a question, or a certificate.
    expect(await listAttempts(t.app.db, ann.id, 'clean-timestamp')).toEqual([]);
    expect((await questionUsage(t.app.db, 'clean-timestamp')).size).toBe(0);
    expect(await certificatesOf(t.app.db, ann.id)).toEqual([]);
    expect((await eligibilityFor(t.app.db, ann.id, content, { level: 'associate', purpose: 'certify' }, T0)).attemptsUsed).toBe(0);
  });

  it('shows a learner new practice items first, and belongs to its learner only', async () => {
    const first = await startPractice(t.app.db, ann, content, 'professional', T0, createRng(1));
    await submitPractice(t.app.db, ann.id, first.practiceId, {}, content, T0 + 1);
    const second = await startPractice(t.app.db, ann, content, 'professional', T0 + 2, createRng(1));
    const pool = content.bank.filter((q) => q.practice && q.session === 3).length;
    const overlap = second.questions.filter((q) => first.questions.some((f) => f.id === q.id)).length;
    expect(overlap).toBe(Math.max(0, 2 * first.questions.length - pool));
    const bob = await t.user('bob@example.com');
    expect((await refusal(() => submitPractice(t.app.db, bob.id, second.practiceId, {}, content, T0))).status).toBe(403);
    const q = second.questions[0];
    expect((await refusal(() => submitPractice(t.app.db, ann.id, second.practiceId, { [q?.id ?? '']: 'zz' }, content, T0))).code).toBe('unknown_option');
    expect((await refusal(() => submitPractice(t.app.db, ann.id, second.practiceId, { 'arch-batch-publish': 'a' }, content, T0))).code).toBe('unknown_question');
  });
});

describe('the Expert case study', () => {
  const expert = { level: 'expert', purpose: 'certify' } as const;
  const design = '# Design\n\nWho owns each timestamp, and why.\n';
  const code = "export const merge = (): void => {};\n";

  async function professionalAnn(): Promise<void> {
    await takeExam(ann, { level: 'associate', purpose: 'certify' }, T0);
    await takeExam(ann, { level: 'professional', purpose: 'certify' }, addMonths(T0, 6) + DAY);
  }

  it('needs Professional first', async () => {
    const refused = await refusal(() => openCaseStudy(t.app.db, ann, content, expert, T0));
    expect([refused.status, refused.message]).toEqual([409, 'Hold an active “Certified Clean Timestamp Professional” certificate first.']);
    expect((await refusal(() => startAttempt(t.app.db, ann, content, T0, createRng(1), expert))).code).toBe('not_an_exam');
  });

  it('takes text files within the limits, stored once per distinct content', async () => {
    await professionalAnn();
    const at = addMonths(T0, 8);
    const study = await openCaseStudy(t.app.db, ann, content, expert, at);
    expect((await openCaseStudy(t.app.db, ann, content, expert, at + 1)).id).toBe(study.id);
    const change = (files: Record<string, string>, remove: string[] = []) => changeCaseStudyFiles(t.app, ann, study.id, content, { add: files, remove }, at);
    expect((await refusal(() => change({ 'slides.pdf': 'x' }))).status).toBe(415);
    expect((await refusal(() => change({ 'design.md': 'x'.repeat(200_001) }))).status).toBe(413);
    expect((await refusal(() => change({ '../etc.md': 'x' }))).status).toBe(400);
    expect((await refusal(() => change(Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`f${i}.md`, 'x']))))).status).toBe(400);
    expect((await refusal(() => change({}, ['nothing.md']))).status).toBe(404);
    expect((await getCaseStudy(t.app.db, study.id))?.files).toEqual({});

    await change({ 'design.md': 'draft' });
    const blobs = async () => (await t.app.db.get('SELECT COUNT(*) AS n FROM submission_files') as { n: number }).n;
    const before = await blobs();
    await change({ 'design.md': design, 'merge.ts': code });
    expect(await blobs()).toBe(before); // the draft's content went with it
    expect((await getCaseStudy(t.app.db, study.id))?.files).toEqual({ 'design.md': design, 'merge.ts': code });
    await change({}, ['merge.ts']);
    await change({ 'merge.ts': code });
    expect(await blobs()).toBe(before);
  });

  it('is submitted only with a design and code, then signed off by its instructor against the rubric', async () => {
    await professionalAnn();
    const at = addMonths(T0, 8);
    const study = await openCaseStudy(t.app.db, ann, content, expert, at);
    await changeCaseStudyFiles(t.app, ann, study.id, content, { add: { 'design.md': design } }, at);
    const incomplete = await refusal(() => submitCaseStudy(t.app.db, ann, study.id, content, at));
    expect([incomplete.status, incomplete.message]).toEqual([400, 'Add code (.ts) before sending the case study for review.']);
    await changeCaseStudyFiles(t.app, ann, study.id, content, { add: { 'merge.ts': code } }, at);
    expect((await submitCaseStudy(t.app.db, ann, study.id, content, at + 1)).status).toBe('submitted');
    expect((await refusal(() => changeCaseStudyFiles(t.app, ann, study.id, content, { add: { 'more.md': 'x' } }, at + 2))).status).toBe(409);
    expect((await ladderFor(t.app.db, ann.id, content, at + 2)).next.text).toBe('Your “Certified Clean Timestamp Expert” case study is with an instructor for review.');

    const assessment = level('expert').assessment;
    if (assessment.type !== 'case-study') throw new Error('expert is a case study');
    const { rubric } = assessment;
    const meets = Object.fromEntries(rubric.criteria.map((c) => [c.id, 2]));
    const review = (who: Pick<SessionUser, 'id' | 'role'>, decision: string, points: Record<string, number> = meets, comment = '') =>
      reviewCaseStudy(t.app.db, who, study.id, content, { decision, points, comment }, at + DAY);

    // Nobody signs off their own case study; another learner or another cohort's instructor cannot even see it.
    expect((await refusal(() => review(ann, 'sign-off'))).status).toBe(403);
    expect((await refusal(async () => review(await t.user('bob@example.com'), 'sign-off'))).status).toBe(404);
    expect((await refusal(async () => review(await t.user('other@example.com', 'instructor'), 'sign-off'))).status).toBe(404);

    const below = await refusal(() => review(instructor, 'sign-off', { ...meets, events: 1 }));
    expect([below.status, below.message]).toEqual([409, 'It cannot be signed off: Domain events end to end is below the minimum. Return it with a comment instead.']);
    expect((await refusal(() => review(instructor, 'sign-off', { ...meets, events: 7 }))).status).toBe(400);
    expect((await refusal(() => review(instructor, 'return', meets, '  '))).status).toBe(400);

    expect((await review(instructor, 'return', { ...meets, events: 1 }, 'Say when the events are published.')).decision).toBe('return');
    expect((await getCaseStudy(t.app.db, study.id))?.status).toBe('returned');
    await changeCaseStudyFiles(t.app, ann, study.id, content, { add: { 'design.md': `${design}\nEvents go out after the batch is stored.\n` } }, at + 2 * DAY);
    await submitCaseStudy(t.app.db, ann, study.id, content, at + 2 * DAY);

    const signOff = await reviewCaseStudy(t.app.db, instructor, study.id, content, { decision: 'sign-off', points: { ...meets, code: 3 }, comment: '' }, at + 3 * DAY);
    expect(signOff.rubric).toMatchObject({ passed: true });
    expect(signOff.rubric.share).toBeCloseTo(11 / 15, 12);
    const certificate = await getCertificate(t.app.db, signOff.certificateId ?? '');
    expect(certificate).toMatchObject({ level: 'expert', distinction: false, issuedAt: at + 3 * DAY, expiresAt: certificateExpiresAt(at + 3 * DAY, 36) });
    expect(certificate?.breakdown.components.map((c) => [c.id, c.score, c.passed])).toEqual([
      ['clocks', 2 / 3, true],
      ['events', 2 / 3, true],
      ['operations', 2 / 3, true],
      ['performance', 2 / 3, true],
      ['code', 1, true],
    ]);
    expect(certificate?.breakdown.skills.map((s) => s.skill)).toEqual(['domain-event-handling', 'entity-implementation', 'performance-optimization', 'production-troubleshooting']);
    expect((await getCaseStudy(t.app.db, study.id))?.status).toBe('signed-off');
    // Its scored record is an attempt that no exam report counts.
    const record = (await listAttempts(t.app.db, ann.id, 'clean-timestamp')).find((a) => a.kind === 'case-study');
    expect(record).toMatchObject({ level: 'expert', targetLevel: 'expert', passed: true, breakdown: null });
    expect(await t.app.db.get('SELECT COUNT(*) AS n FROM attempt_results WHERE attempt_id = ?', record?.id ?? null)).toEqual({ n: 0 });
    expect(await t.app.db.all("SELECT actor_id, action FROM audit_log WHERE subject = ? ORDER BY id", study.id)).toEqual([
      { actor_id: instructor.id, action: 'case-study.return' },
      { actor_id: instructor.id, action: 'case-study.sign-off' },
    ]);
    expect((await refusal(() => review(instructor, 'sign-off'))).status).toBe(409);
    expect((await ladderFor(t.app.db, ann.id, content, at + 4 * DAY)).next).toMatchObject({ kind: 'done' });
  });
});
