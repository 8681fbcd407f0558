// The demo seeder builds a cohort through the domain functions: members, progress, graded
// submissions, certification attempts scored by the real rules, certificates and feedback.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildCohortDashboard } from '../../../src/server/cohorts/dashboard.ts';
import { certificatesOfCohort } from '../../../src/server/db/certificates.ts';
import { memberCount } from '../../../src/server/db/cohorts.ts';
import { demoContent, seedDemoCohort } from '../../../scripts/lib/demo-cohort.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const root = join(import.meta.dirname, '../../..');
const NOW = Date.parse('2026-11-23T12:00:00Z');
let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

// Seeding builds everything through the domain functions (peer review included): seconds, not milliseconds.
describe('seed:demo', { timeout: 60_000 }, () => {
  it('fills a cohort whose report has members, progress, certificates and at-risk learners', async () => {
    temp = await tempDb();
    const result = await seedDemoCohort(temp.db, root, { learners: 60, passwordHash: 'not-a-real-hash', seed: 7, now: NOW, instructorEmail: 'i@example.com' });
    expect(await memberCount(temp.db, result.cohort.id)).toBe(60);
    expect(result.certified).toBeGreaterThan(0);
    expect((await certificatesOfCohort(temp.db, result.cohort.id)).filter((c) => c.revokedAt === null)).toHaveLength(result.certified);
    const { report, exercises, questions, feedback } = await buildCohortDashboard(temp.db, result.cohort, demoContent(root).dashboard, NOW);
    const kpi = (id: string) => report.kpis.find((k) => k.id === id)?.value ?? null;
    expect(kpi('certification')).toBeCloseTo(result.certified / 60, 5);
    expect(kpi('completion')).toBeGreaterThan(0);
    expect(kpi('completion')).toBeLessThan(1);
    expect(report.learners.some((l) => l.atRisk.length > 0)).toBe(true);
    expect(report.competency.every((c) => c.average === null || (c.average >= 0 && c.average <= 1))).toBe(true);
    expect(exercises.some((e) => e.commonFailingTest !== null)).toBe(true);
    expect(questions.length).toBeGreaterThan(0);
    expect(feedback.some((f) => f.responses > 0)).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    const counts = [];
    for (let run = 0; run < 2; run++) {
      const t = await tempDb();
      try {
        counts.push((await seedDemoCohort(t.db, root, { learners: 25, passwordHash: 'x', seed: 42, now: NOW, instructorEmail: 'i@example.com' })).certified);
      } finally {
        await t.cleanup();
      }
    }
    expect(counts[0]).toBe(counts[1]);
  });
});
