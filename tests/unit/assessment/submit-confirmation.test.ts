// Submitting an attempt is final: with questions unanswered or tasks not submitted it needs an
// explicit confirmation while time is left; once time is up, what was saved is scored without asking.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attemptView,
  describeOutstanding,
  outstandingItems,
  requireOwnAttempt,
  requireSubmitConfirmation,
  saveAttemptAnswers,
  startAttempt,
  type AssessmentContent,
} from '../../../src/server/assessment/attempts.ts';
import { createRng } from '../../../src/server/assessment/draw.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { HttpError } from '../../../src/server/http.ts';
import type { Question } from '../../../src/lib/schemas/question.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const NOW = Date.parse('2026-06-01T09:00:00Z');
const bank: Question[] = Array.from({ length: 6 }, (_, i) => ({
  id: `q${i}`,
  skill: i % 2 ? 'testing' : 'implementation',
  session: 1,
  difficulty: 1,
  type: 'single',
  prompt: `Question number ${i}?`,
  options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B' }],
  explanation: 'Because A.',
}));
const content: AssessmentContent = {
  bank,
  certification: {
    program: 'p',
    title: 'Cert',
    description: 'd',
    components: [
      { id: 'theory', name: 'Theory', type: 'quiz', weight: 1, passMark: 0.7, questionCount: 2, perSkillMinimum: {} },
      { id: 'impl', name: 'Implementation', type: 'task', weight: 1, passMark: 0.8, exercise: 'task-ex', skill: 'implementation' },
      { id: 'review', name: 'Code review', type: 'task', weight: 1, passMark: 0.8, exercise: 'review-ex', skill: 'testing' },
    ],
    levels: [
      {
        id: 'developer',
        name: 'Developer',
        description: 'd',
        criteria: 'n',
        validityMonths: 24,
        prerequisites: { exercises: [] },
        assessment: { type: 'exam', components: ['theory', 'impl', 'review'], overallPassMark: 0.75, timeLimitMinutes: 60, attempts: { max: 3, cooldownHours: 24, submissionsPerTask: 4 } },
      },
    ],
    renewalReminderDays: 30,
  },
};

let t: TempDb;
let ann: { id: string; name: string; email: string };

async function graded(attemptId: string, exerciseId: string, noVerdict = false) {
  const id = await insertQueuedSubmission(t.db, { userId: ann.id, exerciseId, attemptId, files: {} });
  await completeSubmission(t.db, id, { status: noVerdict ? 'error' : 'fail', score: 0.5, result: {}, durationMs: 1, failedTests: [], noVerdict });
}

async function confirmationError(attemptId: string, now: number, confirmed: boolean): Promise<HttpError | null> {
  const attempt = await requireOwnAttempt(t.db, ann.id, attemptId);
  try {
    requireSubmitConfirmation(await attemptView(t.db, attempt, content, now), attempt, now, confirmed);
    return null;
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
}

beforeEach(async () => {
  t = await tempDb();
  ann = await createUser(t.db, { email: 'ann@example.com', name: 'Ann', passwordHash: 'x' });
});
afterEach(() => t.cleanup());

describe('submit confirmation', () => {
  it('lists unanswered questions and unsubmitted tasks, and refuses without confirmation', async () => {
    const view = await startAttempt(t.db, ann, content, NOW, createRng(3));
    expect(outstandingItems(view)).toEqual({ questions: [1, 2], tasks: ['Implementation', 'Code review'] });
    const error = await confirmationError(view.attemptId, NOW + 1000, false);
    expect(error).toMatchObject({ status: 409, code: 'confirmation_required', details: { outstanding: { questions: [1, 2], tasks: ['Implementation', 'Code review'] } } });
    expect(error?.message).toContain('2 questions unanswered (1, 2) and 2 tasks not submitted (Implementation, Code review)');
    expect(error?.message).toContain('"confirm": true');
    expect(await confirmationError(view.attemptId, NOW + 1000, true)).toBeNull();
  });

  it('counts an answered question and a graded task as done, a task without a verdict as not submitted', async () => {
    const view = await startAttempt(t.db, ann, content, NOW, createRng(3));
    const first = view.questions[0]?.id ?? '';
    await saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: { [first]: view.questions[0]?.options[0]?.id ?? '' } }, NOW + 500);
    await graded(view.attemptId, 'task-ex');
    await graded(view.attemptId, 'review-ex', true);
    const after = await attemptView(t.db, await requireOwnAttempt(t.db, ann.id, view.attemptId), content, NOW + 1000);
    expect(outstandingItems(after)).toEqual({ questions: [2], tasks: ['Code review'] });
    expect(describeOutstanding(outstandingItems(after))).toBe('1 question unanswered (2) and 1 task not submitted (Code review)');
    expect(after.tasks.map((x) => x.submissionsLeft)).toEqual([3, 4]);
  });

  it('needs no confirmation once nothing is outstanding, or once the time is up', async () => {
    const view = await startAttempt(t.db, ann, content, NOW, createRng(3));
    const expiresAt = Date.parse(view.expiresAt);
    expect(await confirmationError(view.attemptId, expiresAt, false)).toBeNull();
    await saveAttemptAnswers(t.db, ann.id, view.attemptId, { answers: Object.fromEntries(view.questions.map((q) => [q.id, q.options[0]?.id ?? ''])) }, NOW + 500);
    await graded(view.attemptId, 'task-ex');
    await graded(view.attemptId, 'review-ex');
    expect(await confirmationError(view.attemptId, NOW + 1000, false)).toBeNull();
  });
});
