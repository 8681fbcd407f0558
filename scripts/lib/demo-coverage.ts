// Demo data for projects with a coverage requirement (exercise.json "coverage", such as the session 2
// assignment): the demo's graded submissions of such an exercise get what the grader adds to a real
// result (src/server/grader/kinds/project-checks.ts) — the coverage of each measured file and the
// project checks — so the results panel and the instructor's drill-down have a coverage table to show.
// A passing submission covers at least the minimum; a failing one anything from about a third up.
// The figures are drawn, not measured: the demo's submissions hold no real code.
import { posix } from 'node:path';
import type { Db } from '../../src/server/db/open.ts';
import { COVERAGE_METRICS, coverageShare, type CoverageCounts, type CoverageReport, type FileCoverage, type GradeResult, type TestOutcome } from '../../src/lib/grade-result.ts';
import { coverageMinimumText, listWords } from '../../src/lib/coverage-view.ts';
import { createRng, type Rng } from '../../src/server/assessment/draw.ts';
import { loadContent } from '../../src/server/content/files.ts';
import { exerciseOnDisk } from '../../src/server/content/exercise-folder.ts';
import { totalOf } from '../../src/server/grader/coverage-report.ts';

const CODE = /\.(?:[cm]?ts|[cm]?js)$/;
const matchesAny = (path: string, globs: readonly string[]): boolean => globs.some((g) => posix.matchesGlob(path, g));

/** A file's totals (what there is to cover) and covered counts at about `share` of each. */
function drawFile(rng: Rng, file: string, share: number): FileCoverage {
  const lines = 15 + Math.floor(rng() * 90);
  const totals: Record<keyof CoverageCounts, number> = {
    lines,
    statements: lines + Math.floor(rng() * 10),
    functions: 4 + Math.floor(lines / 5),
    branches: Math.floor(lines * (0.3 + rng() * 0.4)),
  };
  const counts = Object.fromEntries(
    COVERAGE_METRICS.map((m) => {
      const total = totals[m];
      const drawn = Math.min(1, Math.max(0, share + (rng() - 0.5) * 0.08));
      return [m, { covered: Math.min(total, Math.round(total * drawn)), total }];
    }),
  ) as CoverageCounts;
  return { file, ...counts };
}

function meetsMinimum(report: CoverageReport): boolean {
  return COVERAGE_METRICS.every((m) => {
    const min = report.minimum[m];
    return min === undefined || coverageShare(report.total[m]) >= min;
  });
}

/** The grade result of a demo submission with the coverage report and project checks a real one carries. */
export function withDemoCoverage(result: GradeResult, files: readonly string[], minimum: CoverageReport['minimum'], rng: Rng): GradeResult {
  const pass = result.status === 'pass';
  const floor = Math.max(...COVERAGE_METRICS.map((m) => minimum[m] ?? 0));
  let report: CoverageReport;
  // a passing submission is redrawn until it meets the minimum, as a real one must
  do {
    const share = pass ? floor + (1 - floor) * rng() : 0.35 + 0.6 * rng();
    const measured = files.map((f) => drawFile(rng, f, share));
    report = { files: measured, total: totalOf(measured), minimum, perFile: false };
  } while (pass && !meetsMinimum(report));
  const ok = meetsMinimum(report);
  const check: TestOutcome = {
    name: `Project: your tests cover ${coverageMinimumText(minimum)}`,
    status: ok ? 'pass' : 'fail',
    message: ok
      ? 'Your tests cover the minimum.'
      : `Your tests cover less than the project needs (${coverageMinimumText(minimum)}). Below it: ${listWords(report.files.filter((f) => COVERAGE_METRICS.some((m) => coverageShare(f[m]) < (minimum[m] ?? 0))).map((f) => f.file))}.`,
    kind: 'project-check',
  };
  return { ...result, status: pass ? 'pass' : 'fail', tests: [...result.tests.filter((t) => t.kind !== 'project-check'), check], coverage: report };
}

/**
 * Gives every graded demo submission of an exercise with a coverage requirement its coverage and
 * coverage check. Run after the rest of the demo is seeded; submissions that already carry coverage
 * are left as they are.
 */
export async function seedDemoCoverage(db: Db, root: string, options: { seed: number }): Promise<number> {
  const rng = createRng(options.seed + 18);
  let updated = 0;
  for (const { data: definition } of loadContent(root).exercises) {
    if (definition.kind === 'write-tests' || definition.kind === 'review' || !definition.coverage) continue;
    const { coverage } = definition;
    const exercise = exerciseOnDisk(root, definition);
    const measured = exercise.starterFiles.filter((p) => CODE.test(p) && matchesAny(p, coverage.of) && !matchesAny(p, coverage.exclude) && !matchesAny(p, coverage.tests));
    const minimum: CoverageReport['minimum'] = {};
    for (const m of COVERAGE_METRICS) {
      const v = coverage.minimum[m];
      if (v !== undefined) minimum[m] = v;
    }
    const rows = await db.all("SELECT id, result FROM submissions WHERE exercise_id = ? AND status IN ('pass', 'fail') AND result IS NOT NULL ORDER BY created_at, id", definition.id) as { id: string; result: string }[];
    const update = 'UPDATE submissions SET result = ? WHERE id = ?';
    for (const row of rows) {
      const result = JSON.parse(row.result) as GradeResult;
      if (result.coverage || !Array.isArray(result.tests)) continue;
      await db.run(update, JSON.stringify(withDemoCoverage(result, measured, minimum, rng)), row.id);
      updated++;
    }
  }
  return updated;
}
