// How coverage reads, the same in the grader's messages, the results panel and the instructor's
// drill-down: a share is never rounded up to a minimum it misses (89.96 % reads "89.9 %", not
// "90 %"), the minimum reads as one phrase ("at least 90 % of lines, statements, functions and
// branches"), and a report becomes one table model (a row per file and a total, every figure below
// the minimum saying so in words). Pure: the browser imports this module too.
import { COVERAGE_METRICS, coverageShare, type CoverageCount, type CoverageMetric, type CoverageReport } from './grade-result.ts';

/** A share in 0..1 as the learner reads it: 0.896 → "89.6 %", 1 → "100 %". */
export function coveragePercent(share: number): string {
  const tenths = Math.floor(share * 1000 + 1e-9) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)} %`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "at least 90 % of lines, statements, functions and branches" (metrics with the same minimum share the figure). */
export function coverageMinimumText(minimum: CoverageReport['minimum']): string {
  const groups = new Map<number, string[]>();
  for (const m of COVERAGE_METRICS) {
    const v = minimum[m];
    if (v !== undefined) groups.set(v, [...(groups.get(v) ?? []), m]);
  }
  return `at least ${[...groups].map(([v, ms]) => `${coveragePercent(v)} of ${listWords(ms)}`).join('; ')}`;
}

export interface CoverageCellModel {
  /** "93.3 % (14 of 15)". */
  text: string;
  /** Below the exercise's minimum for this metric: "below 90 %" (said in words, not only in colour). */
  below: string | null;
}

export interface CoverageRowModel {
  file: string;
  cells: CoverageCellModel[];
}

/** The coverage of the learner's files by their own tests, one row per file and a total. */
export interface CoverageTableModel {
  caption: string;
  /** Column headings after "File", in cell order. */
  metrics: string[];
  rows: CoverageRowModel[];
  total: CoverageRowModel;
}

const METRIC_HEADINGS: Record<CoverageMetric, string> = { lines: 'Lines', statements: 'Statements', functions: 'Functions', branches: 'Branches' };

function coverageCell(count: CoverageCount, minimum: number | undefined): CoverageCellModel {
  const share = coverageShare(count);
  const text = count.total === 0 ? 'none to cover' : `${coveragePercent(share)} (${count.covered} of ${count.total})`;
  return { text, below: minimum !== undefined && share < minimum ? `below ${coveragePercent(minimum)}` : null };
}

/** The table of a coverage report: every figure below the minimum says so, the total's and each file's. */
export function coverageTable(report: CoverageReport, owner: 'your' | 'their' = 'your'): CoverageTableModel {
  const row = (file: string, counts: Record<CoverageMetric, CoverageCount>): CoverageRowModel => ({
    file,
    cells: COVERAGE_METRICS.map((m) => coverageCell(counts[m], report.minimum[m])),
  });
  return {
    caption: `Coverage of ${owner} code by ${owner} tests (the project needs ${coverageMinimumText(report.minimum)}${report.perFile ? ' in every file' : ''})`,
    metrics: COVERAGE_METRICS.map((m) => METRIC_HEADINGS[m]),
    rows: report.files.map((f) => row(f.file, f)),
    total: row('All files', report.total),
  };
}
