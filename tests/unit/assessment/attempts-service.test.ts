// The attempt state machine on a real SQLite file: start, autosave, submit, and every rejection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptView, requireOwnAttempt, saveAttemptAnswers, startAttempt, submitAttempt, SUBMIT_GRACE_MS, type AssessmentContent } from '../../../src/server/assessment/attempts.ts';
import { createRng } from '../../../src/server/assessment/draw.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { getCertificate } from '../../../src/server/db/certificates.ts';
import { HttpError } from '../../../src/server/http.ts';
import type { Question } from '../../../src/lib/schemas/question.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const NOW = Date.parse('2026-06-01T09:00:00Z');
const skills = ['implementation', 'testing'] as const;
const bank: Question[] = Array.from({ length: 8 }, (_, i) => ({
  id: `q${i}`,
  skill: skills[i % 2]!,
  session: 1,
  difficulty: 1,
  type: i === 7 ? 'multiple' : 'single',
  prompt: `Question number ${i}?`,
  options: i === 7
    ? [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: true }, { id: 'c', text: 'C' }]
    : [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }],
  explanation: 'Because the first option is right.',
}));
const content: AssessmentContent = {
  bank,
  certification: {
    program: 'p',
    title: 'Cert',
    description: 'd',
    components: [
      { id: 'theory', name: 'Theory', type: 'quiz', weight: 1, passMark: 0.7, questionCount: 4, perSkillMinimum: { implementation: 2, testing: 2 } },
      { id: 'impl', name: 'Implementation', type: 'task', weight: 1, passMark: 0.8, exercise: 'task-ex', skill: 'implementation' },
    ],
    levels: [
      {
        id: 'developer',
        name: 'Developer',
        description: 'd',
        criteria: 'n',
        validityMonths: 24,
        prerequisites: { exercises: ['pre-ex'] },
        assessment: { type: 'exam', components: ['theory', 'impl'], overallPassMark: 0.75, timeLimitMinutes: 60, attempts: { max: 2, cooldownHours: 24, submissionsPerTask: 5 } },
      },
    ],
    renewalReminderDays: 30,
  },
};

let t: TempDb;
let ann: { id: string; name: string; email: string };
let bob: { id: string; name: string; email: string };

async function pass(userId: string, exerciseId: string, attemptId: string | null = null, score = 1) {
  const id = await insertQueuedSubmission(t.db, { userId, exerciseId, attemptId, files: {}, now: NOW - 1000 });
  await completeSubmission(t.db, id, { status: score >= 1 ? 'pass' : 'fail', score, result: {}, durationMs: 1, failedTests: [] });
}

async function httpError(fn: () => unknown): Promise<HttpError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected an HttpError');
}

beforeEach(async () => {
  t = await tempDb();
  ann = await createUser(t.db, { email: 'ann@example.com', name: 'Ann Ödegaard', passwordHash: 'x' });
  bob = await createUser(t.db, { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' });
  await pass(ann.id, 'pre-ex');
});
afterEach(() => t.cleanup());

describe('starting an attempt', () => {
  it('needs the prerequisite exercises', async () => {
    const error = await httpError(() => startAttempt(t.db, bob, content, NOW));
    expect(error).toMatchObject({ status: 409, code: 'not_eligible' });
    expect(error.message).toContain('pre-ex');
  });

  it('draws a stratified paper, fixes it, starts a server clock and sends no keys', async () => {
    const view = await startAttempt(t.db, ann, content, NOW, createRng(1));
    expect(view.questions).toHaveLength(4);
    const drawnSkills = view.questions.map((q) => bank.find((b) => b.id === q.id)?.skill);
    expect(drawnSkills.filter((s) => s === 'implementation')).toHaveLength(2);
    expect(view.expiresAt).toBe(new Date(NOW + 60 * 60_000).toISOString());
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/"correct"|explanation|Because the first option/);
    const again = await attemptView(t.db, await requireOwnAttempt(t.db, ann.id, view.attemptId), content, NOW + 5000);
    expect(again.questions).toEqual(view.questions);
    expect(view.tasks).toEqual([{ exerciseId: 'task-ex', component: 'impl', name: 'Implementation', bestScore: null, status: null, submissionsLeft: 5 }]);
  });

  it('refuses a second attempt while one is running and points at it', async () => {
    const view = await startAttempt(t.db, ann, content, NOW);
    const error = await httpError(() => startAttempt(t.db, ann, content, NOW + 1000));
    expect(error.details?.['attemptId']).toBe(view.attemptId);
  });

  it('lets only one of two starts at the same moment through', async () => {
    const outcomes = await Promise.allSettled([startAttempt(t.db, ann, content, NOW), startAttempt(t.db, ann, content, NOW)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await t.db.get("SELECT COUNT(*) AS n FROM attempts WHERE user_id = ? AND status = 'open'", ann.id)).toEqual({ n: 1 });
  });
});

describe('exam day', () => {
  it('starts 40 candidates\' attempts pressed at the same moment, and issues 40 certificates when all submit at once', async () => {
    const candidates = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const user = await createUser(t.db, { email: `candidate${i}@example.com`, name: `Candidate ${i}`, passwordHash: 'x' });
        await pass(user.id, 'pre-ex');
        return user;
      }),
    );
    const outcomes = await Promise.allSettled(candidates.map((c, i) => startAttempt(t.db, c, content, NOW, createRng(i + 1))));
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    expect(await t.db.get("SELECT COUNT(*) AS n FROM attempts WHERE status = 'open'")).toEqual({ n: 40 });

    // The time runs out for everyone at once: 40 passing submissions, 40 certificates, each its own status bit.
    for (const [i, c] of candidates.entries()) {
      const view = (outcomes[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof startAttempt>>>).value;
      const answers: Record<string, string | string[]> = {};
      for (const q of view.questions) {
        const right = bank.find((b) => b.id === q.id)!.options.filter((o) => o.correct).map((o) => o.id);
        answers[q.id] = right.length > 1 ? right : right[0]!;
      }
      await saveAttemptAnswers(t.db, c.id, view.attemptId, { answers }, NOW + 10);
      await pass(c.id, 'task-ex', view.attemptId, 1);
    }
    const submitted = await Promise.allSettled(
      candidates.map((c, i) => submitAttempt(t.db, c, (outcomes[i] as PromiseFulfilledResult<{ attemptId: string }>).value.attemptId, content, NOW + 60_000)),
    );
    expect(submitted.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const bits = await t.db.all<{ status_list: number; status_index: number }>('SELECT status_list, status_index FROM certificates');
    expect(bits).toHaveLength(40);
    expect(new Set(bits.map((b) => `${b.status_list}:${b.status_index}`)).size).toBe(40);
  });
});

describe('answering', () => {
  it('autosaves and merges answers and flags', async () => {
    const view = await startAttempt(t.db, ann, content, NOW);
    const [q1, q2] = view.questions;
    await saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: { [q1!.id]: q1!.options[0]!.id } }, NOW + 1);
    await saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: { [q2!.id]: q2!.type === 'multiple' ? ['a'] : 'b' }, flags: [q2!.id] }, NOW + 2);
    const stored = await requireOwnAttempt(t.db, ann.id, view.attemptId);
    expect(Object.keys(stored.answers).sort()).toEqual([q1!.id, q2!.id].sort());
    expect(stored.flags).toEqual([q2!.id]);
  });

  it('keeps both of two saves that arrive at the same moment', async () => {
    const view = await startAttempt(t.db, ann, content, NOW);
    const [q1, q2] = view.questions;
    await Promise.all([
      saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: { [q1!.id]: q1!.options[0]!.id } }, NOW + 1),
      saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: { [q2!.id]: q2!.options[0]!.id } }, NOW + 1),
    ]);
    const stored = await requireOwnAttempt(t.db, ann.id, view.attemptId);
    expect(Object.keys(stored.answers).sort()).toEqual([q1!.id, q2!.id].sort());
  });

  it('rejects answers to questions not in the attempt, unknown options, other users and late saves', async () => {
    const view = await startAttempt(t.db, ann, content, NOW);
    const notOnPaper = bank.find((b) => !view.questions.some((q) => q.id === b.id))!;
    expect(await httpError(() => saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: { [notOnPaper.id]: 'a' } }, NOW))).toMatchObject({ status: 400, code: 'unknown_question' });
    expect(await httpError(() => saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: { [view.questions[0]!.id]: 'z' } }, NOW))).toMatchObject({ status: 400, code: 'unknown_option' });
    expect(await httpError(() => saveAttemptAnswers(t.db, bob.id, view.attemptId, { answers: {} }, NOW))).toMatchObject({ status: 403 });
    expect(await httpError(() => saveAttemptAnswers(t.db, ann.id, 'nope', { answers: {} }, NOW))).toMatchObject({ status: 404 });
    const late = NOW + 60 * 60_000 + SUBMIT_GRACE_MS + 1;
    expect(await httpError(() => saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: {} }, late))).toMatchObject({ status: 409, code: 'attempt_expired' });
  });
});

describe('submitting', () => {
  async function answerAll(attemptId: string, correct: boolean) {
    const view = await attemptView(t.db, await requireOwnAttempt(t.db, ann.id, attemptId), content, NOW);
    const answers: Record<string, string | string[]> = {};
    for (const q of view.questions) {
      const def = bank.find((b) => b.id === q.id)!;
      const right = def.options.filter((o) => o.correct).map((o) => o.id);
      answers[q.id] = def.type === 'multiple' ? (correct ? right : ['c']) : correct ? right[0]! : 'c';
    }
    await saveAttemptAnswers(t.db, ann.id, attemptId, { answers }, NOW + 10);
  }

  it('scores every component, stores the breakdown and issues a certificate record on a pass', async () => {
    const view = await startAttempt(t.db, ann, content, NOW);
    await answerAll(view.attemptId, true);
    await pass(ann.id, 'task-ex', view.attemptId, 0.5);
    await pass(ann.id, 'task-ex', view.attemptId, 1);
    const outcome = await submitAttempt(t.db, ann, view.attemptId, content, NOW + 60_000);
    expect(outcome).toMatchObject({ passed: true, score: 1, level: 'developer' });
    expect(outcome.components.map((c) => [c.id, c.score, c.passed])).toEqual([
      ['theory', 1, true],
      ['impl', 1, true],
    ]);
    const cert = await getCertificate(t.db, outcome.certificateId!);
    expect(cert).toMatchObject({ userId: ann.id, learnerName: 'Ann Ödegaard', level: 'developer', issuedAt: NOW + 60_000 });
    expect(new Date(cert!.expiresAt!).toISOString()).toBe('2028-06-01T09:01:00.000Z');
    expect(cert!.id).toMatch(/^[a-z2-7]{32}$/);
    const marks = await t.db.all('SELECT mark FROM attempt_questions WHERE attempt_id = ?', view.attemptId);
    expect(marks).toEqual(Array(4).fill({ mark: 1 }));
  });

  it('fails by the rules: a component under its pass mark fails the attempt even with a high quiz', async () => {
    const view = await startAttempt(t.db, ann, content, NOW);
    await answerAll(view.attemptId, true);
    await pass(ann.id, 'task-ex', view.attemptId, 0.75);
    const outcome = await submitAttempt(t.db, ann, view.attemptId, content, NOW + 60_000);
    expect(outcome).toMatchObject({ passed: false, level: null });
    expect(outcome.certificateId).toBeUndefined();
    expect(outcome.components.find((c) => c.id === 'impl')).toMatchObject({ score: 0.75, passed: false });
  });

  it('rejects a second submission, a late one, and another learner', async () => {
    const view = await startAttempt(t.db, ann, content, NOW);
    expect(await httpError(() => submitAttempt(t.db, bob, view.attemptId, content, NOW))).toMatchObject({ status: 403 });
    await submitAttempt(t.db, ann, view.attemptId, content, NOW + 1000);
    expect(await httpError(() => submitAttempt(t.db, ann, view.attemptId, content, NOW + 2000))).toMatchObject({ status: 409, code: 'already_submitted' });
    const late = await startAttempt(t.db, ann, content, NOW + 25 * 3600_000);
    expect(await httpError(() => submitAttempt(t.db, ann, late.attemptId, content, NOW + 25 * 3600_000 + 61 * 60_000))).toMatchObject({ status: 409, code: 'attempt_expired' });
  });

  it('enforces the cool-down after a failed attempt and the attempt limit', async () => {
    const first = await startAttempt(t.db, ann, content, NOW);
    await submitAttempt(t.db, ann, first.attemptId, content, NOW + 1000);
    const cooling = await httpError(() => startAttempt(t.db, ann, content, NOW + 3600_000));
    expect(cooling.details?.['nextAttemptAt']).toBe(new Date(NOW + 1000 + 24 * 3600_000).toISOString());
    const second = await startAttempt(t.db, ann, content, NOW + 25 * 3600_000);
    await submitAttempt(t.db, ann, second.attemptId, content, NOW + 25 * 3600_000 + 1000);
    const limit = await httpError(() => startAttempt(t.db, ann, content, NOW + 60 * 3600_000));
    expect(limit.message).toMatch(/All 2 attempts have been used/);
  });
});
