// Who may see and do what with a work under review, and the rules of writing one, on a real SQLite
// file: the author, the assigned reviewers and the cohort's instructor (or an admin) see it, nobody
// else; the author reads submitted reviews only, a reviewer only their own; comments are anchored to a
// file and line the work has; a review is submitted once, complete; staff rate submitted reviews.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCohortMember, insertCohort } from '../../../src/server/db/cohorts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { assignmentsOfWork } from '../../../src/server/db/peer-reviews.ts';
import { sendForReview } from '../../../src/server/peer-review/rounds.ts';
import { mayReadReview, requireOwnReview, requireWorkAccess, requireWorkStaff } from '../../../src/server/peer-review/access.ts';
import { addLineComment, fileLines, parseReviewPoints, rateReview, removeLineComment, requireAnchor, saveReview, submitReview } from '../../../src/server/peer-review/reviews.ts';
import { HttpError } from '../../../src/server/http.ts';
import type { ReviewRubric } from '../../../src/lib/schemas/peer-review.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const NOW = Date.parse('2026-05-04T09:00:00Z');
const SETTINGS = { exercise: 's2-final-project', reviewers: 2, dueDays: 3 };
const RUBRIC: ReviewRubric = {
  scale: [{ points: 1, label: 'Needs work' }, { points: 2, label: 'Acceptable' }, { points: 3, label: 'Good' }],
  criteria: [{ id: 'quality', title: 'Code quality', description: 'd' }, { id: 'tests', title: 'Tests', description: 'd' }],
};
const FILES = { 'src/task.ts': 'line one\nline two\nline three\n', 'README.md': '# Task\n' };

let t: TempDb;
type Who = { id: string; role: 'learner' | 'instructor' | 'admin' };
const who: Record<string, Who> = {};
let workId = '';

async function fails(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return error instanceof HttpError ? `${error.status} ${error.code}` : String(error);
  }
  return 'no error';
}

beforeEach(async () => {
  t = await tempDb();
  const user = async (name: string, role: Who['role'] = 'learner') => (who[name] = { id: (await createUser(t.db, { email: `${name}@example.com`, name, passwordHash: 'x', role })).id, role });
  await user('teach', 'instructor');
  await user('otherTeach', 'instructor');
  await user('admin', 'admin');
  const cohort = await insertCohort(t.db, { name: 'Spring', program: 'clean-timestamp', ownerId: who['teach']!.id, sessionDates: ['2026-05-01'] });
  const otherCohort = await insertCohort(t.db, { name: 'Autumn', program: 'clean-timestamp', ownerId: who['otherTeach']!.id, sessionDates: ['2026-09-01'] });
  for (const name of ['ann', 'bob', 'cy', 'dee']) {
    await user(name);
    await addCohortMember(t.db, cohort.id, who[name]!.id, NOW - 1000);
  }
  await user('stranger');
  await addCohortMember(t.db, otherCohort.id, who['stranger']!.id, NOW - 1000);
  for (const name of ['ann', 'bob', 'cy', 'dee']) {
    const id = await insertQueuedSubmission(t.db, { userId: who[name]!.id, exerciseId: SETTINGS.exercise, files: FILES, now: NOW - 500 });
    await completeSubmission(t.db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [], now: NOW - 500 });
  }
  // ann, bob, cy send theirs: ann is reviewed by bob and cy; dee has not sent and reviews nothing.
  workId = (await sendForReview(t.db, who['ann']!, 'clean-timestamp', SETTINGS, NOW)).id;
  await sendForReview(t.db, who['bob']!, 'clean-timestamp', SETTINGS, NOW + 1);
  await sendForReview(t.db, who['cy']!, 'clean-timestamp', SETTINGS, NOW + 2);
});
afterEach(() => t.cleanup());

describe('who sees a work', () => {
  it('its author, its reviewers, its cohort’s instructor and admins; 404 for an unassigned peer, another cohort’s instructor and a stranger', async () => {
    expect((await assignmentsOfWork(t.db, workId)).map((a) => a.reviewerName).sort()).toEqual(['bob', 'cy']);
    expect(await requireWorkAccess(t.db, who['ann']!, workId)).toMatchObject({ author: true, staff: false, assignment: null });
    expect((await requireWorkAccess(t.db, who['bob']!, workId)).assignment?.reviewerName).toBe('bob');
    expect(await requireWorkAccess(t.db, who['teach']!, workId)).toMatchObject({ staff: true, author: false });
    expect((await requireWorkAccess(t.db, who['admin']!, workId)).staff).toBe(true);
    for (const name of ['dee', 'otherTeach', 'stranger']) expect(await fails(() => requireWorkAccess(t.db, who[name]!, workId)), name).toBe('404 not_found');
    expect(await fails(() => requireWorkAccess(t.db, who['ann']!, 'made-up-id'))).toBe('404 not_found');
  });

  it('writes a review only as its assigned reviewer, and staff things only as staff', async () => {
    expect(await fails(() => requireOwnReview(t.db, who['ann']!, workId))).toBe('403 forbidden');
    expect(await fails(() => requireOwnReview(t.db, who['teach']!, workId))).toBe('403 forbidden');
    expect(await fails(() => requireOwnReview(t.db, who['dee']!, workId))).toBe('404 not_found');
    expect(await fails(() => requireWorkStaff(t.db, who['bob']!, workId))).toBe('403 forbidden');
    expect(await fails(() => requireWorkStaff(t.db, who['ann']!, workId))).toBe('403 forbidden');
    expect(await fails(() => requireWorkStaff(t.db, who['otherTeach']!, workId))).toBe('404 not_found');
  });

  it('reads a review in progress only as its reviewer; a submitted one as author or staff too, never as another reviewer', async () => {
    await saveReview(t.db, who['bob']!, workId, RUBRIC, { points: { quality: '2' }, comment: 'draft' }, NOW);
    const bobs = (await assignmentsOfWork(t.db, workId)).find((a) => a.reviewerName === 'bob')!;
    const read = async (name: string) => mayReadReview(await requireWorkAccess(t.db, who[name]!, workId), bobs);
    expect([await read('bob'), await read('ann'), await read('teach'), await read('cy')]).toEqual([true, false, false, false]);
    await submitReview(t.db, who['bob']!, workId, RUBRIC, { points: { quality: 2, tests: 3 }, comment: 'Solid.' }, NOW);
    const submitted = (await assignmentsOfWork(t.db, workId)).find((a) => a.reviewerName === 'bob')!;
    const readNow = async (name: string) => mayReadReview(await requireWorkAccess(t.db, who[name]!, workId), submitted);
    expect([await readNow('bob'), await readNow('ann'), await readNow('teach'), await readNow('admin'), await readNow('cy')]).toEqual([true, true, true, true, false]);
  });
});

describe('writing a review', () => {
  it('anchors comments to a file and line the work has, with clear 400s otherwise', async () => {
    expect(fileLines('a\nb\n')).toEqual(['a', 'b']);
    expect(fileLines('a\r\nb')).toEqual(['a', 'b']);
    expect(fileLines('')).toEqual(['']);
    expect(requireAnchor(FILES, 'src/task.ts', '3')).toEqual({ file: 'src/task.ts', line: 3 });
    const message = (file: unknown, line: unknown) => {
      try {
        requireAnchor(FILES, file, line);
      } catch (error) {
        return `${(error as HttpError).status} ${(error as HttpError).message}`;
      }
      return 'accepted';
    };
    expect(message('src/nope.ts', 1)).toBe('400 The work has no file "src/nope.ts": comment on one of "README.md", "src/task.ts".');
    expect(message('src/task.ts', 4)).toBe('400 "src/task.ts" has 3 lines: give a line number from 1 to 3 (not 4).');
    expect(message('src/task.ts', 0)).toBe('400 "src/task.ts" has 3 lines: give a line number from 1 to 3 (not 0).');
    expect(message('src/task.ts', 1.5)).toMatch(/^400 "src\/task.ts" has 3 lines/);
    expect(message('README.md', 'two')).toBe('400 "README.md" has 1 line: give a line number from 1 to 1.');
    expect(message(undefined, 1)).toMatch(/^400 The work has no file that file/);

    const comment = await addLineComment(t.db, who['bob']!, workId, { file: 'src/task.ts', line: 2, body: '  Name the rule.  ' }, NOW);
    expect(comment).toMatchObject({ file: 'src/task.ts', line: 2, body: 'Name the rule.' });
    expect((await assignmentsOfWork(t.db, workId)).find((a) => a.reviewerName === 'bob')?.status).toBe('draft');
    expect(await fails(() => addLineComment(t.db, who['bob']!, workId, { file: 'src/task.ts', line: 2, body: '   ' }, NOW))).toBe('400 invalid_input');
    expect(await fails(() => addLineComment(t.db, who['ann']!, workId, { file: 'src/task.ts', line: 2, body: 'self' }, NOW))).toBe('403 forbidden');
    expect(await fails(() => removeLineComment(t.db, who['cy']!, workId, String(comment.id)))).toBe('404 not_found');
    await removeLineComment(t.db, who['bob']!, workId, String(comment.id));
    expect(await fails(() => removeLineComment(t.db, who['bob']!, workId, String(comment.id)))).toBe('404 not_found');
  });

  it('reads points on the rubric’s scale, and submits only a complete review, once', async () => {
    expect(parseReviewPoints(RUBRIC, { quality: '3', tests: '' }, false)).toEqual({ quality: 3 });
    expect(await fails(() => parseReviewPoints(RUBRIC, { quality: 7 }, false))).toBe('400 invalid_points');
    expect(await fails(() => parseReviewPoints(RUBRIC, { speed: 1 }, false))).toBe('400 invalid_points');
    expect(await fails(() => parseReviewPoints(RUBRIC, [], false))).toBe('400 invalid_points');
    expect(await fails(() => submitReview(t.db, who['cy']!, workId, RUBRIC, { points: { quality: 2 }, comment: 'x' }, NOW))).toBe('400 incomplete');
    expect(await fails(() => submitReview(t.db, who['cy']!, workId, RUBRIC, { points: { quality: 2, tests: 2 }, comment: ' ' }, NOW))).toBe('400 incomplete');
    expect(await fails(() => saveReview(t.db, who['cy']!, workId, RUBRIC, { comment: 'x'.repeat(4001) }, NOW))).toBe('400 invalid_input');
    await saveReview(t.db, who['cy']!, workId, RUBRIC, { points: { quality: 2, tests: 1 }, comment: 'Good start.' }, NOW);
    // What is left out comes from the draft.
    const submitted = await submitReview(t.db, who['cy']!, workId, RUBRIC, {}, NOW + 1);
    expect(submitted).toMatchObject({ status: 'submitted', points: { quality: 2, tests: 1 }, comment: 'Good start.', submittedAt: NOW + 1 });
    expect(await fails(() => saveReview(t.db, who['cy']!, workId, RUBRIC, { comment: 'changed' }, NOW))).toBe('409 review_submitted');
    expect(await fails(() => submitReview(t.db, who['cy']!, workId, RUBRIC, {}, NOW))).toBe('409 review_submitted');
    expect(await fails(() => addLineComment(t.db, who['cy']!, workId, { file: 'README.md', line: 1, body: 'late' }, NOW))).toBe('409 review_submitted');
  });

  it('is rated 1–3 by the work’s staff once submitted', async () => {
    const bobs = async () => (await assignmentsOfWork(t.db, workId)).find((a) => a.reviewerName === 'bob')!;
    expect(await fails(async () => rateReview(t.db, who['teach']!, workId, (await bobs()).id, 3, NOW))).toBe('409 not_submitted');
    await submitReview(t.db, who['bob']!, workId, RUBRIC, { points: { quality: 3, tests: 3 }, comment: 'Great.' }, NOW);
    expect(await fails(async () => rateReview(t.db, who['ann']!, workId, (await bobs()).id, 3, NOW))).toBe('403 forbidden');
    expect(await fails(async () => rateReview(t.db, who['cy']!, workId, (await bobs()).id, 3, NOW))).toBe('403 forbidden');
    expect(await fails(async () => rateReview(t.db, who['otherTeach']!, workId, (await bobs()).id, 3, NOW))).toBe('404 not_found');
    expect(await fails(async () => rateReview(t.db, who['teach']!, workId, (await bobs()).id, 4, NOW))).toBe('400 invalid_rating');
    expect(await fails(() => rateReview(t.db, who['teach']!, workId, 'nope', 2, NOW))).toBe('404 not_found');
    expect((await rateReview(t.db, who['teach']!, workId, (await bobs()).id, '3', NOW)).helpfulness).toBe(3);
    expect((await rateReview(t.db, who['admin']!, workId, (await bobs()).id, 2, NOW)).helpfulness).toBe(2);
  });
});
