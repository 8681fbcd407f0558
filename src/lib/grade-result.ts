// The grading results contract shared by the server grader and the browser (Exercism test-runner
// interface, version 3): types, the limits on what a result may carry, and pure helpers that build
// and cap results. No Node or DOM APIs here: the browser imports this module too.
import type { ReviewFinding } from './contracts/review-finding.ts';

export const GRADE_RESULT_VERSION = 3;

/** Per-test captured output is cut at this many characters (Exercism's limit). */
export const MAX_TEST_OUTPUT_CHARS = 500;
/** Per-test and top-level messages are cut at this many characters. */
export const MAX_MESSAGE_CHARS = 2000;
/** A run that prints more than this in total is stopped (Exercism stops at 1 MB). */
export const MAX_RUN_OUTPUT_BYTES = 1024 * 1024;

export type GradeStatus = 'pass' | 'fail' | 'error';
export type TestStatus = 'pass' | 'fail' | 'error';

/**
 * What one outcome of a review exercise stands for: a key finding the learner found, a key finding
 * they missed, or one of their own findings that matches nothing in the key. The layer that decides
 * what a learner may see reads it (certification shows only their own findings, matched or not).
 */
export type ReviewOutcomeKind = 'key-found' | 'key-missed' | 'own-unmatched';

/**
 * A project requirement checked beside the hidden suite (exercise.json "coverage", "readme",
 * "monitoring"): an outcome of its own in `tests`, after the hidden tests, not counted in
 * `executed`/`expected`.
 */
export type ProjectCheckKind = 'project-check';

/** What the learner's own tests cover, measured per file (see GradeResult.coverage). */
export type CoverageMetric = 'lines' | 'statements' | 'functions' | 'branches';
export const COVERAGE_METRICS: readonly CoverageMetric[] = ['lines', 'statements', 'functions', 'branches'];

export interface CoverageCount {
  covered: number;
  total: number;
}

export type CoverageCounts = Record<CoverageMetric, CoverageCount>;

export interface FileCoverage extends CoverageCounts {
  /** Path relative to the project folder (the exercise's starter/), e.g. "src/task.ts". */
  file: string;
}

export interface CoverageReport {
  /** Every measured file, sorted by path, including files no test loaded (all zero). */
  files: FileCoverage[];
  /** All measured files together. */
  total: CoverageCounts;
  /** The exercise's least share per metric (0..1); a metric it does not name has none. */
  minimum: Partial<Record<CoverageMetric, number>>;
  /** The minimum applies to each file, not only to the total. */
  perFile: boolean;
}

export interface TestOutcome {
  /** Readable test name, suites joined with " > ", in file order. */
  name: string;
  status: TestStatus;
  /** Why it failed (assertion message), capped at MAX_MESSAGE_CHARS. */
  message?: string;
  /** Console output the test printed, capped at MAX_TEST_OUTPUT_CHARS. */
  output?: string;
  /** Numbered task in the instructions this test belongs to. */
  task_id?: number;
  /** Review exercises: which kind of finding this outcome is; 'project-check': a project requirement, not a hidden test. */
  kind?: ReviewOutcomeKind | ProjectCheckKind;
  /** Review exercises only: the learner's own finding behind a `key-found` or `own-unmatched` outcome. */
  finding?: ReviewFinding;
}

export interface GradeResult {
  version: typeof GRADE_RESULT_VERSION;
  /** pass: credit; fail: tests ran and some failed; error: the tests could not run (or did not finish). */
  status: GradeStatus;
  /** Top-level explanation, present for error and for failures that are not per-test. */
  message?: string;
  tests: TestOutcome[];
  durationMs: number;
  /** Share of credit in 0..1 (tests passed, mutants killed or review F1). */
  score?: number;
  /** Hidden tests that actually ran (passed or failed). */
  executed: number;
  /** Hidden tests the exercise's manifest says exist. */
  expected: number;
  /**
   * Projects with a coverage requirement: what the learner's own tests cover, per file. Optional,
   * so results stored before it existed stay valid as they are (no version change).
   */
  coverage?: CoverageReport;
}

const TRUNCATION_NOTE = '… [truncated]';

/** Cuts text to at most `max` characters, marking the cut so the learner knows it happened. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.max(0, max - TRUNCATION_NOTE.length);
  return text.slice(0, keep) + TRUNCATION_NOTE;
}

export function capMessage(message: string): string {
  return capText(message, MAX_MESSAGE_CHARS);
}

export function capOutput(output: string): string {
  return capText(output, MAX_TEST_OUTPUT_CHARS);
}

/** A result for a run where nothing (trustworthy) ran: no credit, with a readable reason. */
export function errorResult(message: string, facts: { durationMs: number; expected: number; executed?: number }): GradeResult {
  return {
    version: GRADE_RESULT_VERSION,
    status: 'error',
    message: capMessage(message),
    tests: [],
    durationMs: facts.durationMs,
    score: 0,
    executed: facts.executed ?? 0,
    expected: facts.expected,
  };
}

/** Applies the per-test caps; tests keep their order. */
export function capTests(tests: readonly TestOutcome[]): TestOutcome[] {
  return tests.map((t) => {
    const capped: TestOutcome = { name: t.name, status: t.status };
    if (t.message !== undefined) capped.message = capMessage(t.message);
    if (t.output !== undefined && t.output !== '') capped.output = capOutput(t.output);
    if (t.task_id !== undefined) capped.task_id = t.task_id;
    if (t.kind !== undefined) capped.kind = t.kind;
    if (t.finding !== undefined) capped.finding = { file: t.finding.file, line: t.finding.line, category: t.finding.category };
    return capped;
  });
}

/** True when a value has the shape of a GradeResult (used by clients reading stored rows). */
export function isGradeResult(value: unknown): value is GradeResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['version'] === GRADE_RESULT_VERSION &&
    (v['status'] === 'pass' || v['status'] === 'fail' || v['status'] === 'error') &&
    Array.isArray(v['tests']) &&
    typeof v['executed'] === 'number' &&
    typeof v['expected'] === 'number'
  );
}

/** Share of a count in 0..1; nothing to cover counts as fully covered (as istanbul reports it). */
export function coverageShare(count: CoverageCount): number {
  return count.total === 0 ? 1 : count.covered / count.total;
}

const isCount = (value: unknown): value is CoverageCount => {
  const c = value as Partial<CoverageCount> | null;
  return typeof c === 'object' && c !== null && Number.isInteger(c.covered) && Number.isInteger(c.total) && (c.covered ?? 0) >= 0 && (c.covered ?? 0) <= (c.total ?? 0);
};
const hasCounts = (value: unknown): boolean => typeof value === 'object' && value !== null && COVERAGE_METRICS.every((m) => isCount((value as Record<string, unknown>)[m]));

/** A result's coverage report when it carries a well-formed one (stored rows are read with it), else undefined. */
export function coverageOf(result: Pick<GradeResult, 'coverage'>): CoverageReport | undefined {
  const c: unknown = result.coverage;
  if (typeof c !== 'object' || c === null) return undefined;
  const report = c as Partial<CoverageReport>;
  if (!Array.isArray(report.files) || !hasCounts(report.total) || typeof report.minimum !== 'object' || report.minimum === null) return undefined;
  if (!report.files.every((f: unknown) => hasCounts(f) && typeof (f as FileCoverage).file === 'string')) return undefined;
  return report as CoverageReport;
}
