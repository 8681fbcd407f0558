// Reviewing counts toward completion: a learner who did every lesson and exercise has completed the
// program only once the peer reviews assigned to them are submitted; the completion KPI says so, and
// the reviews are counted with one grouped query for the cohort.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoContent } from '../../../scripts/lib/demo-cohort.ts';
import { addCohortMember, insertCohort } from '../../../src/server/db/cohorts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { markLessonDone } from '../../../src/server/db/progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../../src/server/db/submissions.ts';
import { buildCohortReport } from '../../../src/server/cohorts/report.ts';
import { gatherLearners } from '../../../src/server/cohorts/learners.ts';
import { sendForReview } from '../../../src/server/peer-review/rounds.ts';
import { submitReview } from '../../../src/server/peer-review/reviews.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const root = join(import.meta.dirname, '../../..');
const NOW = Date.parse('2026-05-10T09:00:00Z');
let t: TempDb | undefined;
afterEach(() => t?.cleanup());

describe('completion with peer reviews', () => {
  it('waits for the learner’s assigned reviews and says so', async () => {
    t = await tempDb();
    const { db } = t;
    const content = demoContent(root).dashboard;
    const settings = content.program.peerReview;
    if (!settings) throw new Error('the course has no peerReview in program.json');
    const teacher = (await createUser(db, { email: 'teach@example.com', name: 'Teach', passwordHash: 'x', role: 'instructor' })).id;
    const cohort = await insertCohort(db, { name: 'Spring', program: content.program.id, ownerId: teacher, sessionDates: ['2026-05-01', '2026-05-04', '2026-05-08'] });
    const users = [];
    for (const name of ['ann', 'bob', 'cy']) users.push({ id: (await createUser(db, { email: `${name}@example.com`, name, passwordHash: 'x' })).id, role: 'learner' as const, name });
    for (const [i, u] of users.entries()) {
      await addCohortMember(db, cohort.id, u.id, NOW - 20 * 86_400_000);
      for (const slug of content.lessonSessions.keys()) await markLessonDone(db, u.id, content.program.id, slug, NOW - 10 * 86_400_000);
      for (const e of content.exercises) {
        const id = await insertQueuedSubmission(db, { userId: u.id, exerciseId: e.id, files: { 'src/task.ts': `// ${u.name}\n` }, now: NOW - 9 * 86_400_000 });
        await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [], now: NOW - 9 * 86_400_000 });
      }
      await sendForReview(db, u, content.program.id, settings, NOW - 5 * 86_400_000 + i);
    }
    const report = () => buildCohortReport({ db, cohort, program: content.program, lessonSessions: content.lessonSessions, exercises: content.exercises, now: NOW });
    const completion = async () => (await report()).kpis.find((k) => k.id === 'completion');
    expect((await completion())?.detail).toBe('0 of 3 completed every lesson, exercise and assigned peer review');
    expect((await report()).learners.map((l) => [l.name, l.reviewsDone, l.reviewsAssigned])).toEqual([['ann', 0, 2], ['bob', 0, 2], ['cy', 0, 2]]);

    // ann submits both her reviews: she has completed, at the time of her last review.
    const { rubric } = settings;
    const points = Object.fromEntries(rubric.criteria.map((c) => [c.id, rubric.scale[1]?.points ?? 1]));
    const annWorks = await db.all("SELECT w.id FROM peer_review_works w JOIN peer_review_assignments a ON a.work_id = w.id WHERE a.reviewer_id = ? ORDER BY w.id", users[0]!.id) as { id: string }[];
    expect(annWorks).toHaveLength(2);
    for (const [i, w] of annWorks.entries()) await submitReview(db, users[0]!, w.id, rubric, { points, comment: 'Clear rules; test the boundaries.' }, NOW - 86_400_000 + i);
    const ann = (await report()).learners.find((l) => l.name === 'ann');
    expect(ann).toMatchObject({ reviewsDone: 2, reviewsAssigned: 2, completedAt: NOW - 86_400_000 + 1 });
    expect((await completion())?.detail).toBe('1 of 3 completed every lesson, exercise and assigned peer review');
    // The facts come from gatherLearners' grouped query.
    expect((await gatherLearners(db, cohort.id, content.program.id, content.lessonSessions)).map((f) => [f.name, f.reviewsDone])).toEqual([['ann', 2], ['bob', 0], ['cy', 0]]);
  });
});
