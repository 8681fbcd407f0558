// Retakes on a real SQLite file: each attempt's paper is drawn from the questions this learner has
// not seen on earlier papers first, and a question that reveals a task of the paper is never drawn.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAttempt, submitAttempt, type AssessmentContent } from '../../../src/server/assessment/attempts.ts';
import { createRng } from '../../../src/server/assessment/draw.ts';
import { insertAttempt, questionsSeenBy } from '../../../src/server/db/attempts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import type { Question } from '../../../src/lib/schemas/question.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';
import { makeQuestion } from './helpers.ts';

const NOW = Date.parse('2026-06-01T09:00:00Z');
const DAY = 24 * 3600_000;
// 12 fair questions plus two that reveal the task. One skill, session and difficulty, so that the
// draw rules never force a seen question while unseen ones remain (draw.test.ts covers that mix).
const fair: Question[] = Array.from({ length: 12 }, (_, i) => makeQuestion(`q${i}`, 'implementation'));
const revealing: Question[] = [
  makeQuestion('leaks-the-task-1', 'implementation', { reveals: ['task-ex'] }),
  makeQuestion('leaks-the-task-2', 'implementation', { reveals: ['task-ex'] }),
];
const content: AssessmentContent = {
  bank: [...fair, ...revealing],
  certification: {
    program: 'p',
    title: 'Cert',
    description: 'd',
    components: [
      { id: 'theory', name: 'Theory', type: 'quiz', weight: 1, passMark: 0.7, questionCount: 4, perSkillMinimum: { implementation: 4 } },
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
        assessment: { type: 'exam', components: ['theory', 'impl'], overallPassMark: 0.75, timeLimitMinutes: 60, attempts: { max: 4, cooldownHours: 24, submissionsPerTask: 5 } },
      },
    ],
    renewalReminderDays: 30,
  },
};

let t: TempDb;
let ann: { id: string; name: string; email: string };

beforeEach(async () => {
  t = await tempDb();
  ann = await createUser(t.db, { email: 'ann@example.com', name: 'Ann', passwordHash: 'x' });
  const id = await insertQueuedSubmission(t.db, { userId: ann.id, exerciseId: 'pre-ex', attemptId: null, files: {}, now: NOW - 1000 });
  await completeSubmission(t.db, id, { status: 'pass', score: 1, result: {}, durationMs: 1, failedTests: [] });
});
afterEach(() => t.cleanup());

/** Starts and fails an attempt (no answers, no task) on day `day`; returns its question ids. */
async function sitAndFail(day: number, seed: number): Promise<string[]> {
  const at = NOW + day * (DAY + 3600_000);
  const view = await startAttempt(t.db, ann, content, at, createRng(seed));
  await submitAttempt(t.db, ann, view.attemptId, content, at + 60_000);
  return view.questions.map((q) => q.id);
}

/** Another learner's attempts whose papers hold `ids`: makes those questions the most used in the program. */
let others = 0;
async function othersSat(ids: readonly string[], times: number): Promise<void> {
  others += 1;
  const bob = await createUser(t.db, { email: `other-${others}@example.com`, name: 'Other', passwordHash: 'x' });
  for (let i = 0; i < times; i++) {
    await insertAttempt(t.db, {
      id: `bob-${bob.id}-${i}`,
      userId: bob.id,
      program: 'p',
      paper: { quiz: { theory: { questions: ids.map((id) => ({ id, optionOrder: ['a', 'b', 'c', 'd'] })) } }, tasks: [] },
      startedAt: NOW - DAY + i,
      expiresAt: NOW - DAY + i + 3600_000,
    });
  }
}

describe('retake draws', () => {
  it('gives each retake the questions this learner has not seen, even when they are the most used', async () => {
    const first = await sitAndFail(0, 1);
    const unseen = fair.map((q) => q.id).filter((id) => !first.includes(id));
    // Without "unseen first", least-used-first would hand Ann her first paper again.
    await othersSat(unseen, 5);
    const second = await sitAndFail(1, 2);
    expect(second.every((id) => unseen.includes(id)), JSON.stringify({ first, second })).toBe(true);
    const stillUnseen = unseen.filter((id) => !second.includes(id));
    await othersSat(stillUnseen, 20);
    const third = await sitAndFail(2, 3);
    expect([...third].sort()).toEqual([...stillUnseen].sort());
    expect(await questionsSeenBy(t.db, ann.id, 'p')).toEqual(new Set(fair.map((q) => q.id)));
    // Every fair question seen: the fourth paper repeats the least used ones, and never one that reveals the task.
    const fourth = await sitAndFail(3, 4);
    expect(fourth).toHaveLength(4);
    expect(fourth.every((id) => first.includes(id))).toBe(true);
  });

  it('counts only this learner\'s papers in this program as seen', async () => {
    const bob = await createUser(t.db, { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' });
    const first = await sitAndFail(0, 5);
    expect((await questionsSeenBy(t.db, bob.id, 'p')).size).toBe(0);
    expect(await questionsSeenBy(t.db, ann.id, 'p')).toEqual(new Set(first));
    expect((await questionsSeenBy(t.db, ann.id, 'other-program')).size).toBe(0);
  });
});
