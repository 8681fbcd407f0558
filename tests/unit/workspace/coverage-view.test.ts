// How coverage reads (lib/coverage-view.ts): never rounded up to a minimum it misses, the minimum as
// one phrase, and a table with a row per file, a total, and every figure below the minimum saying so.
import { describe, expect, it } from 'vitest';
import { coverageMinimumText, coveragePercent, coverageTable } from '../../../src/lib/coverage-view.ts';
import { coverageOf, type CoverageReport } from '../../../src/lib/grade-result.ts';

const counts = (covered: number, total: number) => ({ covered, total });
const report: CoverageReport = {
  files: [
    { file: 'src/a.ts', lines: counts(9, 10), statements: counts(9, 10), functions: counts(2, 2), branches: counts(0, 0) },
    { file: 'src/b.ts', lines: counts(0, 5), statements: counts(0, 6), functions: counts(0, 1), branches: counts(0, 2) },
  ],
  total: { lines: counts(9, 15), statements: counts(9, 16), functions: counts(2, 3), branches: counts(0, 2) },
  minimum: { lines: 0.9, branches: 0.8 },
  perFile: false,
};

describe('coveragePercent and coverageMinimumText', () => {
  it('keeps a share below its minimum below it when shown', () => {
    expect([coveragePercent(0.8996), coveragePercent(0.9), coveragePercent(1), coveragePercent(2 / 3), coveragePercent(0)]).toEqual(['89.9 %', '90 %', '100 %', '66.6 %', '0 %']);
  });

  it('groups metrics that share a minimum', () => {
    expect(coverageMinimumText({ lines: 0.9, statements: 0.9, functions: 0.9, branches: 0.8 })).toBe('at least 90 % of lines, statements and functions; 80 % of branches');
  });
});

describe('coverageTable', () => {
  it('has a row per file and a total, says which figures are below the minimum, and what there is none of', () => {
    const table = coverageTable(report);
    expect(table.caption).toBe('Coverage of your code by your tests (the project needs at least 90 % of lines; 80 % of branches)');
    expect(table.metrics).toEqual(['Lines', 'Statements', 'Functions', 'Branches']);
    expect(table.rows.map((r) => [r.file, ...r.cells.map((c) => `${c.text}${c.below ? ` / ${c.below}` : ''}`)])).toEqual([
      ['src/a.ts', '90 % (9 of 10)', '90 % (9 of 10)', '100 % (2 of 2)', 'none to cover'],
      ['src/b.ts', '0 % (0 of 5) / below 90 %', '0 % (0 of 6)', '0 % (0 of 1)', '0 % (0 of 2) / below 80 %'],
    ]);
    expect(table.total.cells.map((c) => c.below)).toEqual(['below 90 %', null, null, 'below 80 %']);
    expect(coverageTable(report, 'their').caption).toMatch(/^Coverage of their code by their tests/);
  });

  it('is read from a stored result only when it is well formed', () => {
    expect(coverageOf({ coverage: report })).toBe(report);
    expect(coverageOf({})).toBeUndefined();
    expect(coverageOf({ coverage: { ...report, files: [{ file: 'x' }] } as unknown as CoverageReport })).toBeUndefined();
    expect(coverageOf({ coverage: { ...report, total: { ...report.total, lines: counts(3, 2) } } })).toBeUndefined();
  });
});
