// The project requirements an implement-family exercise declares beside its hidden suite
// (exercise.json "coverage", "readme", "monitoring"; lib/schemas/project-requirements.ts), checked
// after the suite and added to its result as outcomes of their own (kind 'project-check'):
// - coverage: the learner's own test files, and only they, run in the sandbox under the same
//   limits with V8 coverage on (vitest-slot.ts, coverage-probe.ts, coverage-report.ts); the grader
//   picks the files to measure from the exercise's globs, so nothing the learner writes changes
//   what counts. Their tests must pass, and together cover at least the minimum. Coverage-ignore
//   comments in measured files are refused: they would take code out of the count.
// - readme: the README has each section, written out (readme-check.ts).
// - monitoring: the hidden tests under the named describe block, which check by behaviour that the
//   code reports to the course's monitoring, all pass.
// A result that is already an error (nothing trustworthy ran) gets no checks.
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import {
  COVERAGE_METRICS,
  capMessage,
  capTests,
  coverageShare,
  type CoverageMetric,
  type CoverageReport,
  type FileCoverage,
  type GradeResult,
  type TestOutcome,
} from '../../../lib/grade-result.ts';
import { roundScore } from '../../../lib/grading-score.ts';
import { coverageMinimumText as minimumText, coveragePercent as percentText, listWords } from '../../../lib/coverage-view.ts';
import type { Exercise } from '../../../lib/schemas/exercise.ts';
import type { CoverageRequirement, MonitoringRequirement, ReadmeRequirement } from '../../../lib/schemas/project-requirements.ts';
import type { LoadedExercise } from '../../content/exercise-folder.ts';
import { measureCoverage, totalOf } from '../coverage-report.ts';
import { prepareLearnerSources, type LearnerSources } from '../learner-sources.ts';
import { checkReadme } from '../readme-check.ts';
import { executeInSandbox, type GradingEnv } from '../sandbox-run.ts';
import type { SubmittedFiles } from '../submission.ts';
import { collectRun, limitMessage, unhandledMessage, type VerdictContext } from '../verdict.ts';
import { gradeHiddenSuite } from './hidden-suite.ts';

export interface ProjectRequirements {
  coverage?: CoverageRequirement | undefined;
  readme?: ReadmeRequirement | undefined;
  monitoring?: MonitoringRequirement | undefined;
}

/** The project requirements of a definition (none for write-tests and review exercises). */
export function projectRequirementsOf(definition: Exercise): ProjectRequirements | null {
  if (definition.kind === 'write-tests' || definition.kind === 'review') return null;
  const { coverage, readme, monitoring } = definition;
  return coverage || readme || monitoring ? { coverage, readme, monitoring } : null;
}

interface Check {
  outcome: TestOutcome;
  /** One sentence for the result's message when it failed. */
  summary?: string;
}

const check = (name: string, ok: boolean, message: string, summary?: string): Check => {
  const outcome: TestOutcome = { name: `Project: ${name}`, status: ok ? 'pass' : 'fail', message, kind: 'project-check' };
  return ok || summary === undefined ? { outcome } : { outcome, summary };
};

const matchesAny = (path: string, globs: readonly string[]): boolean => globs.some((g) => posix.matchesGlob(path, g));
const isCode = (path: string): boolean => /\.(?:[cm]?ts|[cm]?js)$/.test(path);

const METRIC_WORDS: Record<CoverageMetric, string> = { lines: 'lines', statements: 'statements', functions: 'functions', branches: 'branches' };

/** The metrics of `counts` below the minimum: "72 % of the lines", "61 % of the branches". */
function shortfalls(counts: FileCoverage | CoverageReport['total'], minimum: CoverageReport['minimum']): string[] {
  return COVERAGE_METRICS.flatMap((m) => {
    const min = minimum[m];
    const share = coverageShare(counts[m]);
    return min !== undefined && share < min ? [`${percentText(share)} of the ${METRIC_WORDS[m]}`] : [];
  });
}

async function projectText(exercise: LoadedExercise, files: SubmittedFiles, path: string): Promise<string | undefined> {
  const submitted = files.get(path);
  if (submitted !== undefined) return submitted;
  try {
    return await readFile(join(exercise.dir, 'starter', path), 'utf8');
  } catch {
    return undefined;
  }
}

const IGNORE_HINT = /(?:istanbul|[cv]8|node:coverage)\s+ignore/;

async function ignoreHints(exercise: LoadedExercise, files: SubmittedFiles, paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const lines = ((await projectText(exercise, files, path)) ?? '').split('\n');
    lines.forEach((line, i) => {
      if (IGNORE_HINT.test(line)) found.push(`${path}:${i + 1}`);
    });
  }
  return found;
}

/** The learner's test files a coverage run runs, and the files it measures: the grader's choice, from the exercise's globs. */
function coverageFiles(exercise: LoadedExercise, files: SubmittedFiles, requirement: CoverageRequirement): { testFiles: string[]; measured: string[] } {
  const projectFiles = [...new Set([...exercise.starterFiles, ...files.keys()])].sort();
  const testFiles = projectFiles.filter((p) => matchesAny(p, requirement.tests));
  const measured = projectFiles.filter((p) => isCode(p) && matchesAny(p, requirement.of) && !matchesAny(p, requirement.exclude) && !testFiles.includes(p));
  return { testFiles, measured };
}

interface CoverageCheck {
  check: Check;
  report?: CoverageReport;
}

async function coverageCheck(env: GradingEnv, exercise: LoadedExercise, files: SubmittedFiles, sources: LearnerSources, requirement: CoverageRequirement): Promise<CoverageCheck> {
  const minimum: CoverageReport['minimum'] = {};
  for (const m of COVERAGE_METRICS) {
    const v = requirement.minimum[m];
    if (v !== undefined) minimum[m] = v;
  }
  const name = `your tests cover ${minimumText(minimum)}`;
  const { testFiles, measured } = coverageFiles(exercise, files, requirement);
  if (testFiles.length === 0) {
    const message = 'Your own tests are missing: coverage is measured by running them.';
    return { check: check(name, false, message, message) };
  }
  const ctx: VerdictContext = { canaryName: undefined, expected: undefined, timeLimitMs: exercise.definition.timeLimitMs, memoryLimitMb: env.memoryLimitMb };
  const { outcome } = await executeInSandbox(env, {
    exercise,
    files,
    copiedTests: [],
    runTests: testFiles.map((p) => `starter/${p}`),
    withCanary: false,
    sources,
    coverage: measured,
  });
  const limit = limitMessage(outcome, ctx);
  if (limit) {
    const message = `Your tests could not finish, so their coverage is unknown: ${limit}`;
    return { check: check(name, false, message, message) };
  }
  const problems: string[] = [];
  const run = collectRun(outcome, ctx, testFiles.length);
  if (run.problem) problems.push(`Your tests could not run: ${run.problem}`);
  const unhandled = unhandledMessage(outcome);
  if (unhandled) problems.push(`An error was thrown outside of any of your tests: ${unhandled}`);
  const failed = run.tests.filter((t) => t.status !== 'pass');
  if (!run.problem && run.tests.length === 0) problems.push('Your test files have no tests.');
  if (failed.length > 0) {
    const names = failed.slice(0, 5).map((t) => `"${t.name}"`);
    problems.push(
      `${failed.length} of your ${run.tests.length} tests ${failed.length === 1 ? 'fails' : 'fail'} (${names.join(', ')}${failed.length > 5 ? ', …' : ''}): every one of them must pass.`,
    );
  }
  const hints = await ignoreHints(exercise, files, measured);
  if (hints.length > 0) {
    problems.push(`Coverage-ignore comments are not allowed: all of your code counts. Remove the one at ${listWords(hints.slice(0, 5))}.`);
  }
  if (!outcome.coverage) {
    problems.push('The coverage of your tests could not be measured.');
    return { check: check(name, false, problems.join(' '), problems.join(' ')) };
  }
  const measurement = await measureCoverage(outcome, measured);
  if (measurement.unreported.length > 0 && !run.problem) problems.push('Some of your test files did not run to the end, so their coverage is missing.');
  const report: CoverageReport = { files: measurement.files, total: totalOf(measurement.files), minimum, perFile: requirement.perFile };
  const totalShort = shortfalls(report.total, report.minimum);
  const fileShort = report.files.map((f) => ({ f, short: shortfalls(f, report.minimum) })).filter((x) => x.short.length > 0);
  const below = requirement.perFile ? fileShort.length > 0 : totalShort.length > 0;
  if (below) {
    const where = fileShort
      .slice(0, 5)
      .map(({ f, short }) => `${f.file} (${short.join(', ')}${f.lines.covered === 0 && f.lines.total > 0 ? ': no test runs it' : ''})`);
    const overall =
      requirement.perFile || totalShort.length === 0
        ? `Each file needs ${minimumText(report.minimum)}`
        : `Your tests cover ${listWords(totalShort)} of your code; the project needs ${minimumText(report.minimum)}`;
    problems.push(`${overall}. Below it: ${listWords(where)}.`);
  }
  const ok = problems.length === 0;
  const covered = `Lines ${percentText(coverageShare(report.total.lines))}, statements ${percentText(coverageShare(report.total.statements))}, functions ${percentText(coverageShare(report.total.functions))}, branches ${percentText(coverageShare(report.total.branches))} (${run.tests.length} tests).`;
  return { check: check(name, ok, ok ? covered : problems.join(' '), problems.join(' ')), report };
}

function readmeOutcome(text: string | undefined, requirement: ReadmeRequirement): Check {
  const name = `${requirement.file} documents ${listWords(requirement.sections.map((s) => `"${s}"`))}`;
  const verdict = checkReadme(text, requirement);
  const message = verdict.ok ? `Each section has at least ${requirement.minWords} words.` : verdict.problems.join(' ');
  return check(name, verdict.ok, message, verdict.problems.join(' '));
}

/** Undefined when the result has no test under the describe block (practice runs without the hidden suite). */
function monitoringOutcome(result: GradeResult, requirement: MonitoringRequirement): Check | undefined {
  const prefix = `${requirement.describe} > `;
  const tests = result.tests.filter((t) => t.kind === undefined && (t.name === requirement.describe || t.name.startsWith(prefix)));
  if (tests.length === 0) return undefined;
  const failing = tests.filter((t) => t.status !== 'pass');
  const name = 'wired to the course\'s monitoring';
  if (failing.length === 0) return check(name, true, requirement.description);
  const message = `Not wired to the course's monitoring yet: ${requirement.description}. ${failing.length} of ${tests.length} monitoring checks fail: ${failing
    .slice(0, 3)
    .map((t) => `"${t.name.slice(prefix.length)}"`)
    .join(', ')}${failing.length > 3 ? ', …' : ''}.`;
  return check(name, false, message, message);
}

/**
 * `result` (the hidden or visible suite's) with the exercise's project requirements checked and
 * added; `result` itself when the exercise declares none or the result is an error.
 */
export async function withProjectChecks(
  env: GradingEnv,
  exercise: LoadedExercise,
  files: SubmittedFiles,
  sources: LearnerSources,
  result: GradeResult,
  include: 'hidden' | 'visible',
  elapsed: () => number,
): Promise<GradeResult> {
  const requirements = projectRequirementsOf(exercise.definition);
  if (!requirements || result.status === 'error') return result;
  const checks: Check[] = [];
  if (requirements.monitoring) {
    const monitoring = monitoringOutcome(result, requirements.monitoring);
    if (monitoring) checks.push(monitoring);
    else if (include === 'hidden') {
      throw new Error(`exercise.json of "${exercise.definition.id}": "monitoring.describe" names "${requirements.monitoring.describe}", which holds no hidden test`);
    }
  }
  let report: CoverageReport | undefined;
  if (requirements.coverage) {
    const coverage = await coverageCheck(env, exercise, files, sources, requirements.coverage);
    checks.push(coverage.check);
    report = coverage.report;
  }
  if (requirements.readme) checks.push(readmeOutcome(await projectText(exercise, files, requirements.readme.file), requirements.readme));
  const failed = checks.filter((c) => c.outcome.status !== 'pass');
  // each check weighs as much as one hidden test: the suite's own score keeps its weight
  const weight = Math.max(1, result.expected || result.tests.length);
  const score = ((result.score ?? 0) * weight + checks.length - failed.length) / (weight + checks.length);
  const out: GradeResult = {
    ...result,
    status: result.status === 'pass' && failed.length === 0 ? 'pass' : 'fail',
    tests: capTests([...result.tests, ...checks.map((c) => c.outcome)]),
    durationMs: elapsed(),
    score: include === 'visible' ? (result.score ?? 0) : roundScore(score),
  };
  const message = [result.message, ...failed.map((c) => c.summary)].filter((m): m is string => m !== undefined && m !== '').join(' ');
  if (message) out.message = capMessage(message);
  else delete out.message;
  if (report) out.coverage = report;
  return out;
}

/** Grading of an implement-family exercise: its suite (hidden-suite.ts), then its project requirements. */
export async function gradeProject(env: GradingEnv, exercise: LoadedExercise, files: SubmittedFiles, include: 'hidden' | 'visible'): Promise<GradeResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const requirements = projectRequirementsOf(exercise.definition);
  // the coverage run's children boot while the suite runs
  if (requirements?.coverage) env.slot.prepareCoverage(Math.max(1, coverageFiles(exercise, files, requirements.coverage).testFiles.length));
  try {
    const result = await gradeHiddenSuite(env, exercise, files, include);
    if (!requirements || result.status === 'error') return result;
    // the suite ran, so the learner's files passed these checks already: this only gets their sources again
    const prepared = prepareLearnerSources(exercise, files, env.staticChecks);
    if (!prepared.ok) return result;
    return await withProjectChecks(env, exercise, files, prepared.sources, result, include, elapsed);
  } finally {
    env.slot.cancelCoverage();
  }
}
