// A cohort's final-project round on a real SQLite file: sending the latest passing submission, the
// ring assigning reviewers as projects arrive (waiting while the cohort has too few), started reviews
// staying put, an instructor standing in, and a case study's holders asked to review it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCohortMember, insertCohort, type Cohort } from '../../../src/server/db/cohorts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { assignmentsOfPool, assignmentsOfWork, getWork, markReviewStarted } from '../../../src/server/db/peer-reviews.ts';
import { insertCaseStudy, getCaseStudy, setCaseStudyFiles } from '../../../src/server/db/case-studies.ts';
import { insertCertificate } from '../../../src/server/db/certificates.ts';
import { insertAttempt, finishAttempt } from '../../../src/server/db/attempts.ts';
import { rebalancePool, sendForReview, standInAsReviewer } from '../../../src/server/peer-review/rounds.ts';
import { openCaseStudyRound } from '../../../src/server/peer-review/case-study-rounds.ts';
import { HttpError } from '../../../src/server/http.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-05-04T09:00:00Z');
const SETTINGS = { exercise: 's2-final-project', reviewers: 2, dueDays: 3 };
let t: TempDb;
let cohort: Cohort;
let teacher: string;
const ids: Record<string, string> = {};

async function learner(name: string, inCohort = true): Promise<string> {
  const id = (await createUser(t.db, { email: `${name}@example.com`, name, passwordHash: 'x', now: NOW - 30 * DAY })).id;
  ids[name] = id;
  if (inCohort) await addCohortMember(t.db, cohort.id, id, NOW - 20 * DAY);
  return id;
}

async function submit(name: string, status: 'pass' | 'fail', at: number, text = `// ${name} at ${at}\n`): Promise<string> {
  const id = await insertQueuedSubmission(t.db, { userId: ids[name]!, exerciseId: SETTINGS.exercise, files: { 'src/task.ts': text }, now: at });
  await completeSubmission(t.db, id, { status, score: status === 'pass' ? 1 : 0, result: { tests: [] }, durationMs: 1, failedTests: [], now: at });
  return id;
}

function code(error: unknown): string {
  return error instanceof HttpError ? `${error.status} ${error.code}` : String(error);
}

const send = (name: string, at = NOW) => sendForReview(t.db, { id: ids[name]! }, 'clean-timestamp', SETTINGS, at);
/** Reviewer name → names of the authors they review. */
async function plan(): Promise<Record<string, string[]>> {
  const names = new Map(Object.entries(ids).map(([n, id]) => [id, n]));
  const out: Record<string, string[]> = {};
  for (const a of await assignmentsOfPool(t.db, cohort.id, SETTINGS.exercise)) {
    const author = names.get((await getWork(t.db, a.workId))?.authorId ?? '') ?? '?';
    (out[names.get(a.reviewerId) ?? a.reviewerId] ??= []).push(author);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

beforeEach(async () => {
  for (const key of Object.keys(ids)) delete ids[key];
  t = await tempDb();
  teacher = (await createUser(t.db, { email: 'teach@example.com', name: 'Teach', passwordHash: 'x', role: 'instructor' })).id;
  cohort = await insertCohort(t.db, { name: 'Spring', program: 'clean-timestamp', ownerId: teacher, sessionDates: ['2026-05-01'] });
});
afterEach(() => t.cleanup());

describe('sending a final project for review', () => {
  it('needs a cohort and a passing submission, and takes the latest passing one, not a later failing one', async () => {
    await learner('ann');
    await learner('lone', false);
    expect(code(await catchIt(() => send('lone')))).toBe('409 no_cohort');
    expect(code(await catchIt(() => send('ann')))).toBe('409 not_passed');
    await submit('ann', 'fail', NOW - 5 * DAY);
    expect(code(await catchIt(() => send('ann')))).toBe('409 not_passed');
    await submit('ann', 'pass', NOW - 4 * DAY, 'first pass\n');
    const latest = await submit('ann', 'pass', NOW - 3 * DAY, 'second pass\n');
    await submit('ann', 'fail', NOW - 2 * DAY, 'broken later\n');
    const work = await send('ann');
    expect(work.submissionId).toBe(latest);
    expect(work.files).toEqual({ 'src/task.ts': 'second pass\n' });
    expect(work.cohortId).toBe(cohort.id);
    expect(code(await catchIt(() => send('ann')))).toBe('409 already_sent');
  });

  it('waits while the cohort has too few submitters, then assigns two peers each with an even load', async () => {
    for (const n of ['ann', 'bob', 'cy', 'dee', 'eve']) {
      await learner(n);
      await submit(n, 'pass', NOW - DAY);
    }
    await send('ann', NOW);
    expect(await assignmentsOfPool(t.db, cohort.id, SETTINGS.exercise)).toHaveLength(0);
    await send('bob', NOW + 1);
    expect(await plan()).toEqual({ ann: ['bob'], bob: ['ann'] });
    await send('cy', NOW + 2);
    expect(await plan()).toEqual({ ann: ['bob', 'cy'], bob: ['ann', 'cy'], cy: ['ann', 'bob'] });
    await send('dee', NOW + 3);
    await send('eve', NOW + 4);
    const final = await plan();
    for (const n of ['ann', 'bob', 'cy', 'dee', 'eve']) {
      expect(final[n], n).toHaveLength(2);
      expect(final[n], n).not.toContain(n);
    }
    for (const w of Object.values(ids)) {
      const mine = [];
      for (const a of await assignmentsOfPool(t.db, cohort.id, SETTINGS.exercise)) if ((await getWork(t.db, a.workId))?.authorId === w) mine.push(a);
      expect(mine).toHaveLength(2);
    }
    const due = (await assignmentsOfPool(t.db, cohort.id, SETTINGS.exercise)).map((a) => a.dueAt - a.assignedAt);
    expect(new Set(due)).toEqual(new Set([3 * DAY]));
  });

  it('never moves a review its reviewer has started', async () => {
    for (const n of ['ann', 'bob', 'cy', 'dee']) {
      await learner(n);
      await submit(n, 'pass', NOW - DAY);
    }
    await send('ann', NOW);
    await send('bob', NOW + 1);
    await send('cy', NOW + 2);
    // ann reviews bob's and cy's; she starts on cy's, which the ring would move to dee.
    let annOnCy: Awaited<ReturnType<typeof assignmentsOfPool>>[number] | undefined;
    for (const a of await assignmentsOfPool(t.db, cohort.id, SETTINGS.exercise)) if (!annOnCy && a.reviewerId === ids['ann'] && (await getWork(t.db, a.workId))?.authorId === ids['cy']) annOnCy = a;
    expect(annOnCy).toBeDefined();
    await markReviewStarted(t.db, annOnCy!.id, NOW + 5);
    await send('dee', NOW + 10);
    const after = await plan();
    expect(after['ann']).toContain('cy');
    const cyWork = [];
    for (const a of await assignmentsOfPool(t.db, cohort.id, SETTINGS.exercise)) if ((await getWork(t.db, a.workId))?.authorId === ids['cy']) cyWork.push(a);
    expect(cyWork).toHaveLength(2);
    // Rebalancing again changes nothing.
    expect(await rebalancePool(t.db, cohort.id, SETTINGS, NOW + 20)).toEqual({ added: 0, removed: 0 });
  });

  it('lets the cohort’s instructor stand in for a missing peer, until a peer can take the place', async () => {
    await learner('ann');
    await learner('bob');
    await learner('cy');
    for (const n of ['ann', 'bob', 'cy']) await submit(n, 'pass', NOW - DAY);
    const annWork = await send('ann', NOW);
    await send('bob', NOW + 1);
    const other = (await createUser(t.db, { email: 'other@example.com', name: 'Other', passwordHash: 'x', role: 'instructor' })).id;
    expect(code(await catchIt(() => standInAsReviewer(t.db, { id: other, role: 'instructor' }, annWork.id, SETTINGS, NOW)))).toBe('404 not_found');
    expect(code(await catchIt(() => standInAsReviewer(t.db, { id: ids['bob']!, role: 'learner' }, annWork.id, SETTINGS, NOW)))).toBe('403 forbidden');
    await standInAsReviewer(t.db, { id: teacher, role: 'instructor' }, annWork.id, SETTINGS, NOW + 2);
    expect((await assignmentsOfWork(t.db, annWork.id)).map((a) => a.role).sort()).toEqual(['instructor', 'peer']);
    expect(code(await catchIt(() => standInAsReviewer(t.db, { id: teacher, role: 'instructor' }, annWork.id, SETTINGS, NOW)))).toBe('409 already_assigned');
    await send('cy', NOW + 3);
    expect((await assignmentsOfWork(t.db, annWork.id)).map((a) => a.role)).toEqual(['peer', 'peer']);
    expect(code(await catchIt(() => standInAsReviewer(t.db, { id: teacher, role: 'instructor' }, annWork.id, SETTINGS, NOW)))).toBe('409 fully_assigned');
  });
});

async function catchIt(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return 'no error';
}

async function holdLevel(userId: string, level: string, expiresAt: number | null = NOW + 300 * DAY): Promise<void> {
  const attemptId = `att-${userId}-${level}`;
  await insertAttempt(t.db, { id: attemptId, userId, program: 'clean-timestamp', paper: { quiz: {}, tasks: [] }, startedAt: NOW - 100 * DAY, expiresAt: NOW - 99 * DAY });
  await finishAttempt(t.db, attemptId, { submittedAt: NOW - 99 * DAY, score: 0.9, passed: true, level, breakdown: { components: [], skills: [], questions: [], tasks: {} }, marks: {} });
  await insertCertificate(t.db, { userId, attemptId, program: 'clean-timestamp', level, learnerName: 'x', learnerEmail: 'x@example.com', score: 0.9, breakdown: { components: [], skills: [] }, issuedAt: NOW - 99 * DAY, expiresAt });
}

describe('a case study’s peer reviewers', () => {
  const caseStudy = { peerReview: { reviewers: 2, dueDays: 7, reviewerLevels: ['professional', 'expert'] } };
  async function study(candidate: string) {
    const id = await insertCaseStudy(t.db, { userId: ids[candidate]!, program: 'clean-timestamp', level: 'expert', purpose: 'certify', now: NOW });
    await setCaseStudyFiles(t.db, id, { 'design.md': '# Design\n', 'core.ts': 'export {};\n' }, NOW);
    return (await getCaseStudy(t.db, id))!;
  }

  it('are active holders of the named levels in the candidate’s cohorts, least loaded first, never the candidate', async () => {
    for (const n of ['casey', 'pro1', 'pro2', 'pro3', 'assoc', 'lapsed']) await learner(n);
    await learner('outsider', false);
    await holdLevel(ids['casey']!, 'professional');
    await holdLevel(ids['pro1']!, 'professional');
    await holdLevel(ids['pro2']!, 'expert');
    await holdLevel(ids['pro3']!, 'professional');
    await holdLevel(ids['assoc']!, 'associate');
    await holdLevel(ids['lapsed']!, 'professional', NOW - DAY);
    await holdLevel(ids['outsider']!, 'expert');
    const first = await openCaseStudyRound(t.db, await study('casey'), caseStudy, NOW);
    expect(first).toMatchObject({ assigned: 2, wanted: 2 });
    const names = async (workId: string) => (await assignmentsOfWork(t.db, workId)).map((a) => a.reviewerName).sort();
    expect(await names(first!.workId)).toEqual(['pro1', 'pro2']);
    // pro1 and pro2 now have a review open: the next case study goes to pro3 first.
    const second = await openCaseStudyRound(t.db, await study('pro1'), caseStudy, NOW + 1);
    expect(await names(second!.workId)).toContain('pro3');
    expect(await names(second!.workId)).not.toContain('pro1');
    expect((await getWork(t.db, first!.workId))?.files).toEqual({ 'core.ts': 'export {};\n', 'design.md': '# Design\n' });
  });

  it('are fewer (or none) when the cohorts hold fewer, and none are asked when content wants none', async () => {
    await learner('casey');
    await learner('pro1');
    await holdLevel(ids['pro1']!, 'professional');
    expect(await openCaseStudyRound(t.db, await study('casey'), caseStudy, NOW)).toMatchObject({ assigned: 1, wanted: 2 });
    expect(await openCaseStudyRound(t.db, await study('casey'), {}, NOW)).toBeNull();
  });
});
