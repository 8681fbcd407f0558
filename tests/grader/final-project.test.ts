// The session 2 final project through the real sandboxed grader: the learner's own tests run in
// the sandbox with V8 coverage (vitest-slot.ts, coverage-probe.ts, coverage-report.ts), and the
// project checks (coverage, README, monitoring; kinds/project-checks.ts) join the hidden suite's
// result. What is proven here: the figures come from the learner's tests and match
// @vitest/coverage-v8's own on the same project; fewer tests cover less; a file no test loads
// counts as uncovered; nothing the learner adds (a vitest or vite configuration, a coverage report,
// ignore comments, a guess at the probe's task meta) changes what is measured; a test that never
// ends is stopped by the run's time limit; the README and the monitoring wiring are checked with
// messages that name what is missing.
import { mkdtemp, readFile, readdir, rm, symlink, cp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';
import type { CoverageReport, GradeResult, TestOutcome } from '../../src/lib/grade-result.ts';
import { loadExercise, type LoadedExercise } from '../../src/server/content/exercise-folder.ts';
import { createGrader, InvalidSubmissionError, type Grader } from '../../src/server/grader/grader.ts';
import { readSubmissionDir } from '../../src/server/grader/submission-dir.ts';
import { readCase, submittedFiles } from '../../src/server/content/solution-cases.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ID = 's2-final-project';
const SOLUTION = join(ROOT, 'solutions', ID);
const WRONG = join(ROOT, 'exercises', ID, 'tests', 'wrong');

let grader: Grader;
let exercise: LoadedExercise;
let solutionFiles: Record<string, string>;
let solution: GradeResult;

beforeAll(async () => {
  grader = await createGrader({ projectRoot: ROOT, poolSize: 1 });
  exercise = loadExercise(ROOT, ID);
  solutionFiles = (await readSubmissionDir(SOLUTION, exercise.definition)).files;
  solution = await grader.grade(exercise, { files: solutionFiles });
});
afterAll(async () => {
  await grader?.close();
});

const projectCheck = (result: GradeResult, starts: string): TestOutcome | undefined =>
  result.tests.find((t) => t.kind === 'project-check' && t.name.startsWith(`Project: ${starts}`));
const fileCoverage = (report: CoverageReport | undefined, file: string) => report?.files.find((f) => f.file === file);
/** A wrong solution's files as a learner submits them (overlays laid over the reference solution). */
const caseFiles = async (name: string): Promise<Record<string, string>> => submittedFiles(readCase(ROOT, ID, 'wrong', name), exercise.definition);
const graded = new Map<string, Promise<GradeResult>>();
/** A wrong solution of the corpus, graded once for every test that reads it. */
const gradedCase = (name: string): Promise<GradeResult> => {
  let result = graded.get(name);
  if (!result) graded.set(name, (result = caseFiles(name).then((files) => grader.grade(exercise, { files }))));
  return result;
};

describe('the reference solution', () => {
  it('passes the hidden suite and all three project checks, with the coverage of each file', () => {
    expect(solution.status).toBe('pass');
    expect(solution.executed).toBe(exercise.definition.hiddenTestCount);
    for (const name of ["wired to the course's monitoring", 'your tests cover', 'README.md documents']) {
      expect(projectCheck(solution, name)?.status, name).toBe('pass');
    }
    expect(solution.coverage?.files.map((f) => f.file)).toEqual(['src/task-service.ts', 'src/task.ts']);
    expect(solution.coverage?.minimum).toEqual({ lines: 0.9, statements: 0.9, functions: 0.9, branches: 0.9 });
    for (const f of solution.coverage?.files ?? []) {
      expect(f.lines.covered / f.lines.total, f.file).toBeGreaterThanOrEqual(0.9);
      expect(f.branches.covered / f.branches.total, f.file).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('gets the same figures as @vitest/coverage-v8 measuring the same tests outside the sandbox', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'practicum-coverage-xcheck-'));
    try {
      await cp(join(SOLUTION, 'src'), join(dir, 'src'), { recursive: true });
      await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
      await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const vitest = await createVitest(
        {
          run: true,
          root: dir,
          config: false,
          watch: false,
          include: ['src/**/*.test.ts'],
          reporters: [{}],
          coverage: { enabled: true, provider: 'v8', include: ['src/**/*.ts'], exclude: ['src/**/*.test.ts'], reporter: ['json-summary'], reportsDirectory: join(dir, 'coverage') },
        },
        { resolve: { alias: { '@practicum/reference': join(ROOT, 'reference', 'index.ts') } } },
      );
      try {
        await vitest.start();
      } finally {
        await vitest.close();
      }
      const summary = JSON.parse(await readFile(join(dir, 'coverage', 'coverage-summary.json'), 'utf8')) as Record<string, Record<string, { covered: number; total: number }>>;
      for (const file of ['src/task.ts', 'src/task-service.ts']) {
        const theirs = summary[join(dir, file)];
        const ours = fileCoverage(solution.coverage, file);
        for (const metric of ['lines', 'statements', 'functions', 'branches'] as const) {
          expect({ file, metric, covered: ours?.[metric].covered, total: ours?.[metric].total }).toEqual({ file, metric, covered: theirs?.[metric]?.covered, total: theirs?.[metric]?.total });
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('coverage comes from the learner’s own tests', () => {
  it('the same code with fewer tests covers less, and the submission fails naming the files and percentages', async () => {
    const result = await gradedCase('tests-cover-too-little');
    expect(result.status).toBe('fail');
    expect(result.tests.filter((t) => t.kind === undefined).every((t) => t.status === 'pass')).toBe(true);
    const check = projectCheck(result, 'your tests cover');
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(/^Your tests cover \d+(\.\d)? % of the lines, .* the project needs at least 90 % of lines, statements, functions and branches\. Below it: src\/task-service\.ts \(.*\) and src\/task\.ts \(\d+(\.\d)? % of the lines/);
    for (const file of ['src/task.ts', 'src/task-service.ts']) {
      const few = fileCoverage(result.coverage, file);
      const all = fileCoverage(solution.coverage, file);
      expect(few?.lines.total, file).toBe(all?.lines.total);
      expect(few?.lines.covered, file).toBeLessThan(all?.lines.covered ?? 0);
      expect(few?.functions.covered, file).toBeLessThan(all?.functions.covered ?? 0);
    }
    expect(fileCoverage(result.coverage, 'src/task.ts')?.branches.covered).toBeLessThan(fileCoverage(solution.coverage, 'src/task.ts')?.branches.covered ?? 0);
    expect(result.message).toContain(check?.message);
  });

  it('a file no test loads counts as not covered at all', async () => {
    const entityOnly = [
      "import { it, expect } from 'vitest';",
      "import { FixedClock } from '@practicum/reference';",
      "import { Task } from './task.ts';",
      "it('starts in todo', () => {",
      "  const task = new Task({ id: 't1', projectId: 'p', title: 'T' }, { clock: new FixedClock('2025-06-02T09:00:00Z'), directory: { isSeniorDeveloper: () => true } });",
      "  expect(task.status).toBe('todo');",
      '});',
      '',
    ].join('\n');
    const files = { ...solutionFiles, 'src/task.test.ts': entityOnly };
    const result = await grader.grade(exercise, { files });
    const service = fileCoverage(result.coverage, 'src/task-service.ts');
    expect(service?.lines.total).toBeGreaterThan(0);
    expect(service && [service.lines.covered, service.functions.covered, service.statements.covered]).toEqual([0, 0, 0]);
    expect(projectCheck(result, 'your tests cover')?.message).toContain('src/task-service.ts (0 % of the lines, 0 % of the statements, 0 % of the functions');
    expect(result.status).toBe('fail');
  });

  it('failing tests of the learner fail the check, named, while their coverage is still shown', async () => {
    const files = {
      ...solutionFiles,
      'src/task.test.ts': `${solutionFiles['src/task.test.ts']}\ndescribe('a wrong expectation', () => {\n  it('expects priority 4 by default', () => {\n    expect(new Task({ id: 'x', projectId: 'p', title: 'T' }, { clock: new FixedClock(NOW), directory }).priority).toBe(4);\n  });\n});\n`,
    };
    const result = await grader.grade(exercise, { files });
    const check = projectCheck(result, 'your tests cover');
    expect(check?.status).toBe('fail');
    expect(check?.message).toContain('1 of your 28 tests fails ("a wrong expectation > expects priority 4 by default"): every one of them must pass.');
    expect(result.coverage?.total.lines.covered).toBe(solution.coverage?.total.lines.covered);
  });

  it('a test that never ends is stopped by the time limit, and the check says so', async () => {
    const files = { ...solutionFiles, 'src/task.test.ts': `${solutionFiles['src/task.test.ts']}\nit('spins', () => {\n  for (;;) {}\n});\n` };
    const started = performance.now();
    const result = await grader.grade(exercise, { files });
    expect(performance.now() - started).toBeLessThan(exercise.definition.timeLimitMs + 20_000);
    const check = projectCheck(result, 'your tests cover');
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(/^Your tests could not finish, so their coverage is unknown: Time limit exceeded/);
    expect(result.coverage).toBeUndefined();
  });
});

describe('nothing the learner adds changes what is measured', () => {
  it('a vitest configuration is not a file the exercise accepts', async () => {
    await expect(grader.grade(exercise, { files: { ...solutionFiles, 'vitest.config.ts': 'export default {};\n' } })).rejects.toBeInstanceOf(InvalidSubmissionError);
  });

  it('the wrong solution shipping a vitest.config.ts that excludes the entity still has it measured', async () => {
    const dir = join(WRONG, 'vitest-config-excludes-code');
    expect(await readdir(dir)).toContain('vitest.config.ts');
    const result = await gradedCase('vitest-config-excludes-code');
    expect(fileCoverage(result.coverage, 'src/task.ts')?.lines.total).toBe(fileCoverage(solution.coverage, 'src/task.ts')?.lines.total);
    expect(projectCheck(result, 'your tests cover')?.status).toBe('fail');
  });

  it('configurations and coverage reports inside the run folder are never read, even where a file may be written', async () => {
    // an exercise that (wrongly) lets the learner write such files: content:check refuses it, the grader ignores them anyway
    const loose: LoadedExercise = {
      ...exercise,
      definition: { ...exercise.definition, editable: [...exercise.definition.editable, 'vitest.config.ts', 'vite.config.ts', 'coverage/coverage-final.json', 'coverage/coverage-summary.json'] },
    };
    const config = "export default { test: { coverage: { include: ['src/task-service.ts'], exclude: ['src/task.ts'], thresholds: { lines: 0 } } } };\n";
    const fakeSummary = JSON.stringify({ total: { lines: { total: 1, covered: 1, pct: 100 } } });
    const result = await grader.grade(loose, {
      files: {
        ...(await caseFiles('tests-cover-too-little')),
        'vitest.config.ts': config,
        'vite.config.ts': config,
        'coverage/coverage-final.json': '{}',
        'coverage/coverage-summary.json': fakeSummary,
      },
    });
    const honest = await gradedCase('tests-cover-too-little');
    expect(result.coverage).toEqual(honest.coverage);
    expect(projectCheck(result, 'your tests cover')?.status).toBe('fail');
  });

  it('a learner test that writes its own figures into the test file’s meta does not change them', async () => {
    const thin = await caseFiles('tests-cover-too-little');
    const forged = `${thin['src/task.test.ts']}
describe('forgery', () => {
  it('writes fake coverage wherever it can', ({ task }) => {
    const meta = task.file.meta as Record<string, unknown>;
    for (const key of ['coverage', 'practicumCoverage', 'PRACTICUM_COVERAGE_KEY', '0']) meta[key] = [{ url: 'file:///x/src/task.ts', startOffset: 0, functions: [] }];
    expect(Object.keys(meta).length).toBeGreaterThan(0);
  });
});
`;
    const result = await grader.grade(exercise, { files: { ...thin, 'src/task.test.ts': forged } });
    expect(projectCheck(result, 'your tests cover')?.message).toMatch(/^Your tests cover/);
    expect(result.coverage).toEqual((await gradedCase('tests-cover-too-little')).coverage);
  });

  it('refuses coverage-ignore comments in measured files, naming where they are', async () => {
    const task = (solutionFiles['src/task.ts'] ?? '').replace('  start(): void {', '  /* v8 ignore next */\n  start(): void {');
    const result = await grader.grade(exercise, { files: { ...solutionFiles, 'src/task.ts': task } });
    const check = projectCheck(result, 'your tests cover');
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(/Coverage-ignore comments are not allowed: all of your code counts\. Remove the one at src\/task\.ts:\d+\./);
  });
});

describe('the coverage run’s sandbox', () => {
  it('gives learner code no way to the inspector the probe uses, even with the static checks and shadowing off', async () => {
    const lowered = await createGrader({ projectRoot: ROOT, poolSize: 1, staticChecks: false, runtimeShadow: false });
    try {
      const probe = `${solutionFiles['src/task.test.ts']}
describe('sandbox', () => {
  it('cannot reach the inspector', () => {
    const proc = (globalThis as unknown as { process: { getBuiltinModule(id: string): unknown; binding(id: string): unknown } }).process;
    expect(() => proc.getBuiltinModule('node:inspector')).toThrow(/not available while grading/);
    expect(() => proc.getBuiltinModule('inspector')).toThrow(/not available while grading/);
    expect(() => proc.binding('inspector')).toThrow();
  });
});
`;
      const result = await lowered.grade(exercise, { files: { ...solutionFiles, 'src/task.test.ts': probe } });
      const check = projectCheck(result, 'your tests cover');
      expect(check?.message).toMatch(/^Lines 100 %, .* \(28 tests\)\.$/);
      expect(check?.status).toBe('pass');
    } finally {
      await lowered.close();
    }
  });
});

describe('README and monitoring', () => {
  it('a README left as the starter has it fails with the word count of each section', async () => {
    const result = await gradedCase('no-readme');
    const check = projectCheck(result, 'README.md documents');
    expect(result.status).toBe('fail');
    expect(check?.message).toBe(
      'Write at least 25 words of your own in each section of README.md (the starter\'s comments do not count): it has 0 in "Design decisions", 0 in "Running the tests" and 0 in "Monitoring".',
    );
  });

  it('a README without a required section names it', async () => {
    const readme = (solutionFiles['README.md'] ?? '').replace('## Monitoring', '## Operations');
    const result = await grader.grade(exercise, { files: { ...solutionFiles, 'README.md': readme } });
    expect(projectCheck(result, 'README.md documents')?.message).toBe('README.md has no section "Monitoring": add a heading such as "## Monitoring".');
    expect(result.status).toBe('fail');
  });

  it('a service that is not wired to monitoring fails the monitoring check by what reaches the metrics sink', async () => {
    const result = await gradedCase('not-wired-to-monitoring');
    const check = projectCheck(result, "wired to the course's monitoring");
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(/^Not wired to the course's monitoring yet: TaskService times every command .*\. 6 of 6 monitoring checks fail: "create times the new task/);
    expect(result.tests.filter((t) => t.name.startsWith('Monitoring > ')).every((t) => t.status === 'fail')).toBe(true);
    expect(result.tests.filter((t) => t.name.startsWith('TaskService > ')).every((t) => t.status === 'pass')).toBe(true);
  });

  it('Run tests (visible) shows the coverage and the README check before the learner submits', async () => {
    const result = await grader.grade(exercise, { files: solutionFiles }, { include: 'visible' });
    expect(result.status).toBe('pass');
    expect(result.coverage).toEqual(solution.coverage);
    expect(result.tests.filter((t) => t.kind === 'project-check').map((t) => t.name)).toEqual([
      'Project: your tests cover at least 90 % of lines, statements, functions and branches',
      'Project: README.md documents "Design decisions", "Running the tests" and "Monitoring"',
    ]);
  });
});
