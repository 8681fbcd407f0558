// Cohort dashboard report time for 1,000 and 10,000 learners (targets < 300 ms and < 1 s): each
// cohort is seeded through the domain functions into its own temporary SQLite file, then the same
// buildCohortDashboard the instructor page uses is timed (median of several runs, after a warm-up).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/server/auth/password.ts';
import { buildCohortDashboard } from '../../src/server/cohorts/dashboard.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { openDatabase } from '../../src/server/db/open.ts';
import { demoContent, seedDemoCohort } from '../lib/demo-cohort.ts';
import { median, timeRuns, verdict } from './stats.ts';

export interface DashboardBench {
  learners: number;
  seedSeconds: number;
  medianMs: number;
  targetMs: number;
  ok: boolean;
}

export const DASHBOARD_TARGETS: Readonly<Record<number, number>> = { 1000: 300, 10000: 1000 };

export async function benchDashboard(root: string, sizes: readonly number[] = [1000, 10000]): Promise<DashboardBench[]> {
  const passwordHash = await hashPassword('bench-password-1');
  const content = demoContent(root).dashboard;
  const out: DashboardBench[] = [];
  for (const learners of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'practicum-bench-'));
    const db = openDatabase(join(dir, 'practicum.sqlite'));
    try {
      await migrate(db);
      const seedStart = performance.now();
      const { cohort } = await seedDemoCohort(db, root, { learners, passwordHash, instructorEmail: `bench-${learners}@practicum.local` });
      const seedSeconds = (performance.now() - seedStart) / 1000;
      await db.exec('PRAGMA optimize');
      const runs = await timeRuns(() => buildCohortDashboard(db, cohort, content), learners >= 10000 ? 5 : 9, 1);
      const targetMs = DASHBOARD_TARGETS[learners] ?? 1000;
      const medianMs = median(runs);
      out.push({ learners, seedSeconds, medianMs, targetMs, ok: medianMs < targetMs });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export function formatDashboardBench(rows: readonly DashboardBench[]): string {
  return rows
    .map((r) => `dashboard report, ${r.learners.toLocaleString('en')} learners: median ${r.medianMs.toFixed(0)} ms (target < ${r.targetMs} ms) ${verdict(r.ok)}  [seeded in ${r.seedSeconds.toFixed(1)} s]`)
    .join('\n');
}
