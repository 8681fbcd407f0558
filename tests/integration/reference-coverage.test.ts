// The reference library's own tests pass with at least 95 % line coverage (the Course issue's bar),
// measured by running them under V8 coverage exactly as `npm run test:reference` does.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/server.ts';

it('covers at least 95 % of the reference library’s lines', { timeout: 180_000 }, () => {
  const reports = join(ROOT, '.tmp/reference-coverage');
  rmSync(reports, { recursive: true, force: true });
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--project=unit',
      'reference',
      '--coverage.enabled',
      '--coverage.include=reference/**/*.ts',
      '--coverage.exclude=reference/**/*.test.ts',
      '--coverage.reporter=json-summary',
      `--coverage.reportsDirectory=${reports}`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(run.status, `${run.stdout}\n${run.stderr}`.slice(-3000)).toBe(0);
  const summary = JSON.parse(readFileSync(join(reports, 'coverage-summary.json'), 'utf8')) as { total: { lines: { pct: number; total: number } } };
  expect(summary.total.lines.total).toBeGreaterThan(200);
  expect(summary.total.lines.pct).toBeGreaterThanOrEqual(95);
});
