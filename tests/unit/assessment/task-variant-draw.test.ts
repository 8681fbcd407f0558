// Task variants on a real SQLite file: each attempt holds the variant of every task it was given
// (paper and attempt_tasks), a retake draws a variant its candidate has not had, two candidates of one
// cohort get different variants, and attempts from before variants count as their first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAttempt, submitAttempt, type AssessmentContent } from '../../../src/server/assessment/attempts.ts';
import { createRng } from '../../../src/server/assessment/draw.ts';
import { drawVariant, taskVariant } from '../../../src/server/assessment/task-variant.ts';
import { getAttempt, insertAttempt, variantsSeenBy } from '../../../src/server/db/attempts.ts';
import { addCohortMember, insertCohort } from '../../../src/server/db/cohorts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import type { Question } from '../../../src/lib/schemas/question.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';
import { makeQuestion } from './helpers.ts';

const NOW = Date.parse('2026-06-01T09:00:00Z');
const DAY = 24 * 3600_000;
const bank: Question[] = Array.from({ length: 40 }, (_, i) => makeQuestion(`q${i}`, 'implementation'));
const VARIANTS = ['release', 'deployment', 'milestone', 'firmware', 'api-version', 'package'];
const content: AssessmentContent = {
  bank,
  taskVariants: new Map([['task-ex', VARIANTS]]),
  certification: {
    program: 'p',
    title: 'Cert',
    description: 'd',
    components: [
      { id: 'theory', name: 'Theory', type: 'quiz', weight: 1, passMark: 0.7, questionCount: 4, perSkillMinimum: { implementation: 4 } },
      { id: 'impl', name: 'Implementation', type: 'task', weight: 1, passMark: 0.8, exercise: 'task-ex', skill: 'implementation' },
      { id: 'plain', name: 'Plain task', type: 'task', weight: 1, passMark: 0.8, exercise: 'plain-ex', skill: 'implementation' },
    ],
    levels: [
      {
        id: 'developer',
        name: 'Developer',
        description: 'd',
        criteria: 'n',
        validityMonths: 24,
        prerequisites: { exercises: [] },
        assessment: { type: 'exam', components: ['theory', 'impl', 'plain'], overallPassMark: 0.75, timeLimitMinutes: 60, attempts: { max: 10, cooldownHours: 24, submissionsPerTask: 5 } },
      },
    ],
    renewalReminderDays: 30,
  },
};

let t: TempDb;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

let people = 0;
async function learner(): Promise<{ id: string; name: string; email: string }> {
  people += 1;
  return await createUser(t.db, { email: `l${people}@example.com`, name: `Learner ${people}`, passwordHash: 'x' });
}

async function variantOf(attemptId: string): Promise<string | undefined> {
  return (await getAttempt(t.db, attemptId))?.paper.tasks.find((x) => x.exerciseId === 'task-ex')?.variant;
}

describe('task variant draws', () => {
  it('stores the variant on the paper and in attempt_tasks, and a task without variants gets none', async () => {
    const ann = await learner();
    const view = await startAttempt(t.db, ann, content, NOW, createRng(1));
    const paper = (await getAttempt(t.db, view.attemptId))?.paper;
    expect(VARIANTS).toContain(paper?.tasks.find((x) => x.exerciseId === 'task-ex')?.variant);
    expect(paper?.tasks.find((x) => x.exerciseId === 'plain-ex')).toEqual({ componentId: 'plain', exerciseId: 'plain-ex' });
    expect(await variantsSeenBy(t.db, ann.id, 'task-ex')).toEqual([await variantOf(view.attemptId)]);
    expect(await variantsSeenBy(t.db, ann.id, 'plain-ex')).toEqual([null]);
  });

  it('gives two candidates of one cohort different variants, whatever the random draw says', async () => {
    const owner = await learner();
    const cohort = await insertCohort(t.db, { name: 'Spring', program: 'p', ownerId: owner.id, sessionDates: [], now: NOW });
    const members = [];
    for (let i = 0; i < VARIANTS.length; i++) members.push(await learner());
    for (const m of members) await addCohortMember(t.db, cohort.id, m.id, NOW);
    // The same seed for everyone: without the cohort rule every draw would land on the same variant.
    const drawn = [];
    for (const m of members) drawn.push(await variantOf((await startAttempt(t.db, m, content, NOW, createRng(7))).attemptId));
    expect(new Set(drawn).size).toBe(VARIANTS.length);
    // The seventh member of a full cohort gets one of the least used: any, each used once.
    const late = await learner();
    await addCohortMember(t.db, cohort.id, late.id, NOW);
    expect(VARIANTS).toContain(await variantOf((await startAttempt(t.db, late, content, NOW, createRng(7))).attemptId));
  });

  it('spreads only within cohorts: a stranger may get a variant a cohort uses', async () => {
    const owner = await learner();
    const cohort = await insertCohort(t.db, { name: 'Autumn', program: 'p', ownerId: owner.id, sessionDates: [], now: NOW });
    const a = await learner();
    await addCohortMember(t.db, cohort.id, a.id, NOW);
    const first = await variantOf((await startAttempt(t.db, a, content, NOW, createRng(3))).attemptId);
    const strangers = [];
    for (let i = 0; i < 12; i++) strangers.push(await variantOf((await startAttempt(t.db, await learner(), content, NOW, createRng(100 + i))).attemptId));
    expect(strangers).toContain(first);
  });

  it('draws a variant a retaking candidate has not had, until every one has been had', async () => {
    const ann = await learner();
    const had: string[] = [];
    for (let i = 0; i < VARIANTS.length; i++) {
      const at = NOW + i * (DAY + 3600_000);
      const view = await startAttempt(t.db, ann, content, at, createRng(11));
      const v = await variantOf(view.attemptId);
      expect(had).not.toContain(v);
      had.push(v ?? '');
      await submitAttempt(t.db, ann, view.attemptId, content, at + 60_000);
    }
    expect([...had].sort()).toEqual([...VARIANTS].sort());
    const again = await startAttempt(t.db, ann, content, NOW + 7 * (DAY + 3600_000), createRng(11));
    expect(VARIANTS).toContain(await variantOf(again.attemptId));
  });

  it('reads an attempt from before variants as its first variant, for the candidate and for the draw', async () => {
    const ann = await learner();
    await insertAttempt(t.db, {
      id: 'old-attempt',
      userId: ann.id,
      program: 'p',
      paper: { quiz: {}, tasks: [{ componentId: 'impl', exerciseId: 'task-ex' }] },
      startedAt: NOW - 3 * DAY,
      expiresAt: NOW - 3 * DAY + 3600_000,
    });
    const old = await getAttempt(t.db, 'old-attempt');
    expect(taskVariant(old?.paper.tasks[0], VARIANTS)).toBe('release');
    expect(taskVariant(old?.paper.tasks[0], undefined)).toBeNull();
    expect(drawVariant({ variants: VARIANTS, seen: await variantsSeenBy(t.db, ann.id, 'task-ex'), cohortUsage: new Map(), rng: () => 0 })).toBe('deployment');
  });

  it('breaks ties at random among the least used unseen variants', () => {
    const usage = new Map<string | null, number>([['release', 2], ['deployment', 1], ['milestone', 1], [null, 1]]);
    // null is the first variant (release): release counts 3; firmware, api-version and package are unused.
    const picks = new Set([0, 0.34, 0.67, 0.99].map((r) => drawVariant({ variants: VARIANTS, seen: ['firmware'], cohortUsage: usage, rng: () => r })));
    expect(picks).toEqual(new Set(['api-version', 'package']));
  });
});
