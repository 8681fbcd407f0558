// seed:demo gives every peer review view something to show: projects sent, two peers each, reviews
// submitted (with line comments), drafts and reviews not started, instructor ratings, and peer reviews
// of the alumni's Expert case studies.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoCohort } from '../../../scripts/lib/demo-cohort.ts';
import { caseStudiesOfCohort } from '../../../src/server/db/case-studies.ts';
import { assignmentsOfPool, commentCountsOfPool, poolWorks } from '../../../src/server/db/peer-reviews.ts';
import { caseStudyRounds } from '../../../src/server/peer-review/case-study-rounds.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const root = join(import.meta.dirname, '../../..');
const NOW = Date.parse('2026-11-23T12:00:00Z');
let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('seed:demo peer review', { timeout: 60_000 }, () => {
  it('fills the final project’s round and the case studies’ reviews', async () => {
    temp = await tempDb();
    const result = await seedDemoCohort(temp.db, root, { learners: 40, passwordHash: 'x', seed: 7, now: NOW, instructorEmail: 'i@example.com' });
    const works = await poolWorks(temp.db, result.cohort.id, 's2-final-project');
    const assignments = await assignmentsOfPool(temp.db, result.cohort.id, 's2-final-project');
    expect(works.length).toBeGreaterThan(10);
    expect(assignments).toHaveLength(works.length * 2);
    const by = (status: string) => assignments.filter((a) => a.status === status).length;
    expect(by('submitted')).toBeGreaterThan(0);
    expect(by('draft')).toBeGreaterThan(0);
    expect(by('assigned')).toBeGreaterThan(0);
    expect(assignments.filter((a) => a.helpfulness !== null).length).toBeGreaterThan(0);
    expect(assignments.some((a) => a.submittedAt !== null && a.submittedAt > a.dueAt)).toBe(true);
    expect([...(await commentCountsOfPool(temp.db, result.cohort.id, 's2-final-project')).values()].reduce((x, y) => x + y, 0)).toBeGreaterThan(works.length);
    const rounds = [];
    for (const c of await caseStudiesOfCohort(temp.db, result.alumni.cohort.id, 'clean-timestamp')) rounds.push(...(await caseStudyRounds(temp.db, c.id)));
    expect(rounds.length).toBeGreaterThan(0);
    expect(rounds.flatMap((r) => r.assignments).some((a) => a.status === 'submitted')).toBe(true);
  });
});
