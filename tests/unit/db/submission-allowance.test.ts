// The graded submissions a certification task allows per attempt, on a real SQLite file: what uses
// one (every stored submission, also while grading) and what does not (refused before grading, no
// verdict), and that the best graded score ignores rows without a verdict.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bestTaskScores, insertAttempt } from '../../../src/server/db/attempts.ts';
import {
  attemptSubmissionCounts,
  completeSubmission,
  countAttemptSubmissions,
  deleteQueuedSubmission,
  failInterruptedSubmissions,
  insertQueuedSubmission,
  insertQueuedWithinAllowance,
  listSubmissions,
} from '../../../src/server/db/submissions.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb;
let userId: string;
const ATTEMPT = 'attempt-1';
const row = (exerciseId = 'task') => ({ userId, exerciseId, attemptId: ATTEMPT, files: { 'src/a.ts': 'x' }, changed: true });
const done = (id: string, score: number, noVerdict = false) =>
  completeSubmission(t.db, id, { status: noVerdict ? 'error' : score >= 1 ? 'pass' : 'fail', score, result: {}, durationMs: 1, failedTests: [], noVerdict });

/** One stored submission, read back the way the exercise pages read them. */
const getSubmission = async (id: string, exerciseId = 'task', attemptId: string | null = ATTEMPT) =>
  (await listSubmissions(t.db, userId, exerciseId, 100, attemptId)).find((s) => s.id === id) ?? null;

beforeEach(async () => {
  t = await tempDb();
  userId = (await createUser(t.db, { email: 'c@example.com', name: 'C', passwordHash: 'x' })).id;
  await insertAttempt(t.db, { id: ATTEMPT, userId, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: 0, expiresAt: 1 });
});
afterEach(() => t.cleanup());

describe('submission allowance', () => {
  it('refuses the submission after the allowance and counts per task', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => insertQueuedWithinAllowance(t.db, row(), 5)));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(await insertQueuedWithinAllowance(t.db, row(), 5)).toBeNull();
    expect(await countAttemptSubmissions(t.db, ATTEMPT, 'task')).toBe(5);
    expect(await insertQueuedWithinAllowance(t.db, row('other'), 5)).not.toBeNull();
    expect(await attemptSubmissionCounts(t.db, ATTEMPT)).toEqual(new Map([['task', 5], ['other', 1]]));
  });

  it('does not use one for a submission refused by a full queue, one without a verdict, or one interrupted by a restart', async () => {
    const refused = await insertQueuedWithinAllowance(t.db, row(), 2) ?? '';
    await deleteQueuedSubmission(t.db, refused);
    const crashed = await insertQueuedWithinAllowance(t.db, row(), 2) ?? '';
    await done(crashed, 0, true);
    const interrupted = await insertQueuedWithinAllowance(t.db, row(), 2) ?? '';
    expect(await failInterruptedSubmissions(t.db)).toBe(1);
    expect(await getSubmission(interrupted)).toMatchObject({ status: 'error', noVerdict: true });
    expect(await countAttemptSubmissions(t.db, ATTEMPT, 'task')).toBe(0);
    const graded = await insertQueuedWithinAllowance(t.db, row(), 2) ?? '';
    await done(graded, 0.4);
    expect(await getSubmission(graded)).toMatchObject({ changed: true, noVerdict: false });
    expect(await countAttemptSubmissions(t.db, ATTEMPT, 'task')).toBe(1);
  });

  it('counts a submission still being graded (parallel requests cannot overshoot)', async () => {
    await insertQueuedWithinAllowance(t.db, row(), 1);
    expect(await insertQueuedWithinAllowance(t.db, row(), 1)).toBeNull();
  });

  it('keeps the best graded score, ignoring rows without a verdict', async () => {
    const a = await insertQueuedWithinAllowance(t.db, row(), 5) ?? '';
    await done(a, 0.6);
    const b = await insertQueuedWithinAllowance(t.db, row(), 5) ?? '';
    await done(b, 0.3);
    const c = await insertQueuedWithinAllowance(t.db, row('only-fault'), 5) ?? '';
    await done(c, 0, true);
    const best = await bestTaskScores(t.db, ATTEMPT);
    expect(best.get('task')).toMatchObject({ score: 0.6, submissionId: a });
    expect(best.has('only-fault')).toBe(false);
  });

  it('stores whether a practice submission changed the starter (unknown when not given)', async () => {
    const unknown = await insertQueuedSubmission(t.db, { userId, exerciseId: 'ex', files: {} });
    const unchanged = await insertQueuedSubmission(t.db, { userId, exerciseId: 'ex', files: {}, changed: false });
    expect((await getSubmission(unknown, 'ex', null))?.changed).toBeNull();
    expect((await getSubmission(unchanged, 'ex', null))?.changed).toBe(false);
  });
});
