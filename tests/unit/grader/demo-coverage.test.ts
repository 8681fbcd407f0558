// seed:demo gives the coverage views something to show: every graded demo submission of the final
// project carries the coverage of its files and the coverage check, a passing one at or above the
// minimum, and the instructor's drill-down reads it back from the stored row.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoCohort } from '../../../scripts/lib/demo-cohort.ts';
import { coverageOf, coverageShare, type GradeResult } from '../../../src/lib/grade-result.ts';
import { learnerPage } from '../../../src/server/cohorts/learner-page.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const root = join(import.meta.dirname, '../../..');
const NOW = Date.parse('2026-11-23T12:00:00Z');
let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('seed:demo coverage', { timeout: 60_000 }, () => {
  it('gives every graded final project its coverage, above the minimum when it passed', async () => {
    temp = await tempDb();
    const demo = await seedDemoCohort(temp.db, root, { learners: 30, passwordHash: 'x', seed: 7, now: NOW, instructorEmail: 'i@example.com' });
    const rows = await temp.db.all("SELECT user_id, status, result FROM submissions WHERE exercise_id = 's2-final-project' AND status IN ('pass', 'fail')") as { user_id: string; status: string; result: string }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const result = JSON.parse(row.result) as GradeResult;
      const report = coverageOf(result);
      expect(report?.files.map((f) => f.file)).toEqual(['src/task-service.ts', 'src/task.ts']);
      const check = result.tests.find((t) => t.kind === 'project-check');
      expect(check?.name).toBe('Project: your tests cover at least 90 % of lines, statements, functions and branches');
      if (row.status === 'pass') {
        expect(check?.status).toBe('pass');
        for (const m of ['lines', 'statements', 'functions', 'branches'] as const) expect(coverageShare(report!.total[m])).toBeGreaterThanOrEqual(0.9);
      }
    }
    expect(rows.some((r) => (JSON.parse(r.result) as GradeResult).tests.some((t) => t.kind === 'project-check' && t.status === 'fail'))).toBe(true);
    // the drill-down of a learner of the cohort shows it
    const learner = await temp.db.get("SELECT s.user_id AS id FROM submissions s JOIN cohort_members m ON m.user_id = s.user_id AND m.cohort_id = ? WHERE s.exercise_id = 's2-final-project' LIMIT 1", demo.cohort.id) as { id: string };
    const instructor = { id: demo.instructorId, email: demo.instructorEmail, name: 'Instructor', role: 'instructor' as const };
    const page = await learnerPage(temp.db, instructor, demo.cohort.id, learner.id);
    expect(page.submissions.some((s) => s.exerciseId === 's2-final-project' && s.coverage !== null)).toBe(true);
  });
});
