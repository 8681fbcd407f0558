// Proves every exercise through the real sandboxed grader: its reference solution (solutions/<id>/)
// must pass the hidden suite, its starter, submitted as-is, must not, and neither may any of its
// wrong solutions (exercises/<id>/tests/wrong/<case>/, plausible mistakes a learner makes), while its
// other correct solutions (tests/right/<case>/) must pass, so a suite tightened against one mistake
// cannot start failing honest solutions. An exercise whose starter or a wrong solution passes grants
// credit without the skill; one whose solution fails can never be passed. Used by `npm run
// content:check` and by the grader test suite. `contentRoot` holds content/, exercises/ and
// solutions/; the grader itself runs from the project root (its node_modules, and reference/ for
// programs without a library of their own), which is the same folder unless a program is checked on
// its own.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import type { Certification } from '../../src/lib/schemas/certification.ts';
import type { Exercise } from '../../src/lib/schemas/exercise.ts';
import { submittablePaths, type FileSubmission } from '../../src/lib/contracts/submission.ts';
import { exerciseOnDisk, variantOnDisk, type LoadedExercise } from '../../src/server/content/exercise-folder.ts';
import { readVariants, renderVariant, type RenderedTask } from '../../src/server/variants/render.ts';
import type { TaskVariants } from '../../src/lib/schemas/variants.ts';
import { createGrader, type Grader } from '../../src/server/grader/grader.ts';
import { readSubmissionDir } from '../../src/server/grader/submission-dir.ts';
import { listCases, readCase, submittedFiles, type CaseKind } from '../../src/server/content/solution-cases.ts';

/** Wrong solutions every exercise ships at least: more for certification tasks, which a certificate rests on. */
export const MIN_WRONG_CASES = { certification: 4, practice: 2 } as const;

export interface ExerciseProof {
  id: string;
  ok: boolean;
  problems: string[];
  /** Wrong-solution cases graded (each must fail). */
  wrongCases: string[];
  /** Correct alternatives graded (each must pass). */
  rightCases?: string[];
  /** A task with variants: the variants proved, each with its own solution, starter and corpora. */
  variants?: string[];
}

/** What a learner submits without changing anything: the editable starter files as shipped, or a review with no findings. */
async function starterSubmission(onDisk: LoadedExercise): Promise<{ files: Record<string, string> } | { findings: [] }> {
  const exercise = onDisk.definition;
  if (exercise.kind === 'review') return { findings: [] };
  const files: Record<string, string> = {};
  for (const path of exercise.editable) {
    files[path] = await readFile(join(onDisk.dir, 'starter', path), 'utf8');
  }
  return { files };
}

/** Kinds graded by running tests/hidden/*.test.ts, whose test count exercise.json's hiddenTestCount states. */
const countsHiddenTests = (exercise: Exercise): boolean => exercise.kind !== 'write-tests' && exercise.kind !== 'review';

/**
 * The author's view of a wrong hiddenTestCount (the grader tells a learner only that tests cannot be
 * skipped, removed or added): names the field, the count stated and the count the suite has.
 */
export function hiddenTestCountProblem(exercise: Exercise, solution: GradeResult): string | undefined {
  // Checks beside the hidden suite (the learner's own tests, project checks) are not hidden tests.
  const hiddenTests = solution.tests.filter((t) => t.kind !== 'project-check').length;
  if (!countsHiddenTests(exercise) || hiddenTests === 0) return undefined;
  const skipped = hiddenTests - solution.executed;
  if (hiddenTests === exercise.hiddenTestCount) {
    if (skipped <= 0) return undefined;
    return `tests/hidden/ has ${skipped} skipped test(s): hidden tests may not be skipped, so remove .skip/.todo (the grader refuses a run in which fewer than exercise.json's "hiddenTestCount", ${exercise.hiddenTestCount}, ran)`;
  }
  return (
    `exercise.json: "hiddenTestCount" is ${exercise.hiddenTestCount}, but tests/hidden/ has ${hiddenTests} test(s)` +
    (skipped > 0 ? ` (${skipped} of them skipped: hidden tests may not be skipped, so remove .skip/.todo)` : '') +
    `: set "hiddenTestCount": ${hiddenTests}. The grader refuses any run whose count differs, so until then every submission errors`
  );
}

/**
 * Reads one case as a submission (the files of the case a learner submits: a whole-project case's
 * own, or an overlay laid over the solution; src/server/content/solution-cases.ts owns which).
 */
export async function caseSubmission(contentRoot: string, exercise: Exercise, caseName: string, kind: CaseKind): Promise<FileSubmission> {
  const files = submittedFiles(readCase(contentRoot, exercise.id, kind, caseName), exercise);
  if (Object.keys(files).length === 0) {
    throw new Error(`tests/${kind}/${caseName} of "${exercise.id}" holds none of the files a learner submits (${submittablePaths(exercise).join(', ')})`);
  }
  return { files };
}

/**
 * Why a graded wrong solution does not prove anything, or undefined when it failed as it must:
 * a pass grants credit without the skill; an error where nothing ran (it does not compile, or an
 * import is refused) shows only that the case is broken, not that the hidden suite catches the mistake.
 */
export function wrongCaseProblem(result: GradeResult, componentPassMark?: number): string | undefined {
  if (result.status === 'pass') return `passes (score ${result.score ?? 1}): the hidden suite does not catch this mistake`;
  const score = result.score ?? 0;
  if (componentPassMark !== undefined && score >= componentPassMark) {
    return `fails, but scores ${score}, which meets the certification component's pass mark ${componentPassMark}: a candidate with this mistake would be certified`;
  }
  if (result.status === 'error' && result.executed === 0 && result.tests.length === 0) {
    return `could not run (${(result.message ?? 'error').split('\n')[0]}): a wrong solution must run and fail, or it proves nothing`;
  }
  return undefined;
}

/** The first failing tests of a result, so a broken proof says where to look. */
function explain(result: GradeResult): string {
  const failing = result.tests.filter((t) => t.status !== 'pass').slice(0, 5);
  const details = failing.map((t) => `\n      - ${t.name}${t.message ? `: ${t.message.split('\n')[0]}` : ''}`).join('');
  const score = result.score === undefined ? '' : `, score ${result.score}`;
  return `${result.status}${score} (${result.executed}/${result.expected} ran)${result.message ? `: ${result.message.split('\n').slice(0, 3).join(' ')}` : ''}${details}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The pass mark of the certification component each certification task is graded for. */
export function componentPassMarks(certifications: readonly Certification[]): Map<string, number> {
  const marks = new Map<string, number>();
  for (const certification of certifications) {
    for (const c of certification.components) if (c.type === 'task') marks.set(c.exercise, Math.min(marks.get(c.exercise) ?? 1, c.passMark));
  }
  return marks;
}

/**
 * Proves one exercise with a grader the caller owns. For a certification task, `componentPassMark`
 * is its component's pass mark: a wrong solution must also score below it, or it would be certified.
 * `codeRoot` holds the platform's reference/ (the grader's project root).
 */
export async function proveExercise(grader: Grader, contentRoot: string, exercise: Exercise, componentPassMark?: number, codeRoot: string = contentRoot): Promise<ExerciseProof> {
  let variants: TaskVariants | null;
  try {
    variants = readVariants(contentRoot, exercise.id);
  } catch (error) {
    return { id: exercise.id, ok: false, problems: [describeError(error)], wrongCases: [] };
  }
  if (!variants) {
    let onDisk: LoadedExercise;
    try {
      onDisk = exerciseOnDisk(contentRoot, exercise, codeRoot);
    } catch (error) {
      return { id: exercise.id, ok: false, problems: [`the exercise could not be read for grading: ${describeError(error)}`], wrongCases: [] };
    }
    return proveFolder(grader, contentRoot, onDisk, componentPassMark);
  }
  // A task with variants: every variant is a task a candidate can draw, so every one is proved.
  const proof: ExerciseProof = { id: exercise.id, ok: true, problems: [], wrongCases: [], rightCases: [], variants: [] };
  for (const variant of variants.variants) {
    let onDisk: LoadedExercise;
    let rendered: RenderedTask;
    try {
      rendered = renderVariant(contentRoot, exercise.id, variant.id);
      onDisk = variantOnDisk(contentRoot, rendered, codeRoot);
    } catch (error) {
      proof.problems.push(`variant "${variant.id}" could not be rendered: ${describeError(error)}`);
      continue;
    }
    const one = await proveFolder(grader, rendered.root, onDisk, componentPassMark);
    proof.problems.push(...one.problems.map((p) => `variant "${variant.id}": ${p}`));
    proof.wrongCases.push(...one.wrongCases.map((c) => `${variant.id}/${c}`));
    proof.rightCases?.push(...(one.rightCases ?? []).map((c) => `${variant.id}/${c}`));
    proof.variants?.push(variant.id);
  }
  proof.ok = proof.problems.length === 0;
  return proof;
}

/** Proves one exercise folder (an exercise, or one rendered variant of a task); `contentRoot` holds its exercises/<id>/ and solutions/<id>/. */
async function proveFolder(grader: Grader, contentRoot: string, onDisk: LoadedExercise, componentPassMark?: number): Promise<ExerciseProof> {
  const exercise = onDisk.definition;
  const problems: string[] = [];
  try {
    const solution = await grader.grade(onDisk, await readSubmissionDir(join(contentRoot, 'solutions', exercise.id), exercise));
    const countProblem = hiddenTestCountProblem(exercise, solution);
    if (countProblem) {
      // Every other run would error on the count too, which proves nothing about the starter or the wrong solutions.
      problems.push(countProblem);
      return { id: exercise.id, ok: false, problems, wrongCases: [] };
    }
    if (solution.status !== 'pass') problems.push(`the reference solution does not pass: ${explain(solution)}`);
  } catch (error) {
    problems.push(`the reference solution could not be graded: ${describeError(error)}`);
  }
  try {
    const starter = await grader.grade(onDisk, await starterSubmission(onDisk));
    if (starter.status === 'pass') problems.push(`the unchanged starter passes (score ${starter.score ?? 1}): the exercise asks for nothing`);
  } catch (error) {
    problems.push(`the starter could not be graded: ${describeError(error)}`);
  }
  const wrongCases = listCases(contentRoot, exercise.id, 'wrong');
  const minimum = exercise.certification ? MIN_WRONG_CASES.certification : MIN_WRONG_CASES.practice;
  if (wrongCases.length < minimum) {
    problems.push(
      `tests/wrong/ has ${wrongCases.length} wrong solution(s); a ${exercise.certification ? 'certification task' : 'practice exercise'} ships at least ${minimum} (one folder per plausible mistake, laid out like starter/)`,
    );
  }
  for (const caseName of wrongCases) {
    try {
      const result = await grader.grade(onDisk, await caseSubmission(contentRoot, exercise, caseName, 'wrong'));
      const problem = wrongCaseProblem(result, componentPassMark);
      if (problem) problems.push(`wrong solution tests/wrong/${caseName} ${problem}`);
    } catch (error) {
      problems.push(`wrong solution tests/wrong/${caseName} could not be graded: ${describeError(error)}`);
    }
  }
  const rightCases = listCases(contentRoot, exercise.id, 'right');
  for (const caseName of rightCases) {
    try {
      const result = await grader.grade(onDisk, await caseSubmission(contentRoot, exercise, caseName, 'right'));
      if (result.status !== 'pass') problems.push(`correct alternative tests/right/${caseName} does not pass: ${explain(result)}`);
    } catch (error) {
      problems.push(`correct alternative tests/right/${caseName} could not be graded: ${describeError(error)}`);
    }
  }
  return { id: exercise.id, ok: problems.length === 0, problems, wrongCases, rightCases };
}

/**
 * Grades each exercise's solution, starter and wrong solutions; logs one line per exercise (and its
 * problems) and returns the proofs. The grader is always closed, whatever happens.
 */
export async function proveExerciseList(
  projectRoot: string,
  exercises: readonly Exercise[],
  log: (line: string) => void = () => {},
  passMarks: ReadonlyMap<string, number> = new Map(),
  contentRoot: string = projectRoot,
): Promise<ExerciseProof[]> {
  if (exercises.length === 0) return [];
  // Two slots at most: content checks share the machine with everything else.
  const poolSize = Math.max(1, Math.min(2, availableParallelism(), exercises.length));
  const grader = await createGrader({ projectRoot, poolSize, solutionsDir: join(contentRoot, 'solutions') });
  const proofs: ExerciseProof[] = new Array<ExerciseProof>(exercises.length);
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < exercises.length) {
        const index = next++;
        const exercise = exercises[index];
        if (exercise === undefined) continue;
        const proof = await proveExercise(grader, contentRoot, exercise, passMarks.get(exercise.id), projectRoot);
        proofs[index] = proof;
        const inVariants = proof.variants ? ` in each of its ${proof.variants.length} variants` : '';
        const perVariant = (n: number): number => (proof.variants?.length ? n / proof.variants.length : n);
        log(`  ${proof.ok ? '✓' : '✗'} exercise ${proof.id}${proof.ok ? `: solution passes, starter and ${perVariant(proof.wrongCases.length)} wrong solution(s) fail${proof.rightCases?.length ? `, ${perVariant(proof.rightCases.length)} other correct solution(s) pass` : ''}${inVariants}` : ''}`);
        for (const problem of proof.problems) log(`      ${problem}`);
      }
    };
    await Promise.all(Array.from({ length: poolSize }, worker));
  } finally {
    await grader.close();
  }
  return proofs;
}

/** content:check's entry: logs each proof and returns how many exercises failed theirs. */
export async function proveExercises(
  projectRoot: string,
  exercises: readonly Exercise[],
  log: (line: string) => void = () => {},
  passMarks: ReadonlyMap<string, number> = new Map(),
  contentRoot: string = projectRoot,
): Promise<number> {
  log(`\nproving ${exercises.length} exercise(s) through the grader (solution must pass; starter and wrong solutions must fail)…`);
  const proofs = await proveExerciseList(projectRoot, exercises, log, passMarks, contentRoot);
  return proofs.filter((p) => !p.ok).length;
}
