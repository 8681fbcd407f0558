// `npm run grade -- --exercise <id> [--variant <id>] --dir <path> [--json] [--visible] [--exercises <dir>]`: grades the
// files in <path> (laid out like exercises/<id>/starter/) with the exercise's hidden suite through
// the real sandboxed grader and prints a per-test report; a solution-corpus overlay (a case folder
// with a case.json) is laid over the exercise's reference solution, as the proofs lay it. With --json
// the GradeResult JSON goes to stdout and the report to stderr, so the JSON can be piped. Exit codes
// as ARCHITECTURE.md fixes them: 0 pass, 1 fail, 2 error — an error result (compile error, timeout)
// or a usage problem (unknown option or exercise, missing folder, nothing to submit).
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coverageOf, type GradeResult } from '../src/lib/grade-result.ts';
import { coverageTable } from '../src/lib/coverage-view.ts';
import { submittablePaths, type FileSubmission } from '../src/lib/contracts/submission.ts';
import { loadExercise, UnknownExerciseError, type LoadedExercise } from '../src/server/content/exercise-folder.ts';
import { readVariants, VariantsError } from '../src/server/variants/render.ts';
import { TemplateError } from '../src/server/variants/template.ts';
import { createGrader, InvalidSubmissionError } from '../src/server/grader/grader.ts';
import { readSubmissionDir } from '../src/server/grader/submission-dir.ts';
import { CASE_FILE, readCaseFolder, SolutionCaseError, submittedFiles } from '../src/server/content/solution-cases.ts';
import { parseArgs } from './lib/args.ts';

const USAGE =
  'usage: npm run grade -- --exercise <id> [--variant <id>] --dir <path> [--json] [--visible] [--exercises <dir>]\n' +
  '  --exercise  exercise id (a folder of exercises/)\n' +
  '  --variant   a certification task with variants: which variant (an id of its variants.json)\n' +
  '  --dir       folder with your files, laid out like the exercise\'s starter/ (e.g. <dir>/src/project.ts)\n' +
  '  --json      print the GradeResult JSON on stdout (the report goes to stderr)\n' +
  '  --visible   run the visible tests instead of the hidden suite (practice, no credit)\n' +
  '  --exercises folder holding the exercises (default: <project>/exercises); the folder around it is\n' +
  '              their content root, whose content/programs/ name each program\'s reference library';

const EXIT_PASS = 0;
const EXIT_FAIL = 1;
const EXIT_ERROR = 2;
const EXIT_USAGE = EXIT_ERROR;

class UsageError extends Error {}

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** A solution-corpus overlay (a folder with a case.json) as a submission: its files over the exercise's solution. */
function caseDirSubmission(dir: string, dirArg: string, exercise: LoadedExercise): FileSubmission {
  const id = exercise.definition.id;
  try {
    const solutionCase = readCaseFolder({ dir, where: dirArg, solutionDir: join(dirname(dirname(exercise.dir)), 'solutions', id), solutionWhere: `solutions/${id}` });
    return { files: submittedFiles(solutionCase, exercise.definition) };
  } catch (error) {
    if (error instanceof SolutionCaseError) throw new UsageError(error.message);
    throw error;
  }
}

const MARK: Record<string, string> = { pass: '✓', fail: '✗', error: '!' };

export function formatReport(exerciseId: string, result: GradeResult): string {
  const lines = [`${exerciseId}: ${result.status.toUpperCase()}`];
  for (const test of result.tests) {
    lines.push(`  ${MARK[test.status] ?? '?'} ${test.name}${test.task_id !== undefined ? ` (task ${test.task_id})` : ''}`);
    if (test.status !== 'pass' && test.message) lines.push(...test.message.split('\n').slice(0, 6).map((l) => `      ${l}`));
    if (test.output) lines.push(`      output: ${test.output.split('\n').slice(0, 3).join(' | ')}`);
  }
  if (result.message) lines.push('', result.message);
  const coverage = coverageOf(result);
  if (coverage) {
    const table = coverageTable(coverage);
    lines.push('', table.caption);
    for (const row of [...table.rows, table.total]) {
      lines.push(`  ${row.file}: ${row.cells.map((c, i) => `${table.metrics[i]?.toLowerCase()} ${c.text}${c.below ? ` (${c.below})` : ''}`).join(', ')}`);
    }
  }
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  const score = result.score === undefined ? '' : `, score ${result.score}`;
  lines.push('', `${passed}/${result.tests.length} passed, ${result.executed} of ${result.expected} expected tests ran${score} (${result.durationMs} ms)`);
  return lines.join('\n');
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The variant asked for of a task with variants (it must be named); a task without them takes no --variant. */
function variantOf(contentRoot: string, id: string, variantId: string | undefined): string | undefined {
  const variants = /^[a-z0-9-]+$/.test(id) ? readVariants(contentRoot, id) : null;
  if (!variants) {
    if (variantId !== undefined) throw new UsageError(`--variant: "${id}" has no variants`);
    return undefined;
  }
  if (variantId === undefined || variantId === 'true') {
    throw new UsageError(`"${id}" is a task with variants: add --variant <id> (one of ${variants.variants.map((v) => v.id).join(', ')})`);
  }
  return variantId;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Record<string, string>;
  try {
    args = parseArgs(argv, ['exercise', 'variant', 'dir', 'json', 'visible', 'exercises', 'help']);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (args['help'] === 'true') {
    console.log(USAGE);
    return EXIT_PASS;
  }
  const exerciseId = args['exercise'];
  const dirArg = args['dir'];
  if (!exerciseId || exerciseId === 'true') throw new UsageError('--exercise <id> is required');
  if (!dirArg || dirArg === 'true') throw new UsageError('--dir <path> is required');
  const exercisesDir = resolve(args['exercises'] ?? join(root, 'exercises'));
  const dir = resolve(dirArg);
  if (!(await isDirectory(dir))) throw new UsageError(`--dir ${dirArg}: no such folder`);

  let exercise: LoadedExercise;
  const contentRoot = dirname(exercisesDir);
  try {
    exercise = loadExercise(contentRoot, exerciseId, root, variantOf(contentRoot, exerciseId, args['variant']));
  } catch (error) {
    if (error instanceof UnknownExerciseError) throw new UsageError(`${error.message} (looked in ${exercisesDir})`);
    if (error instanceof VariantsError || error instanceof TemplateError) throw new UsageError(error.message);
    throw error;
  }
  const submission = existsSync(join(dir, CASE_FILE)) ? caseDirSubmission(dir, dirArg, exercise) : await readSubmissionDir(dir, exercise.definition);
  if (Object.keys(submission.files).length === 0) {
    throw new UsageError(`--dir ${dirArg} has none of the files to grade: ${submittablePaths(exercise.definition).join(', ')}`);
  }

  const grader = await createGrader({ projectRoot: root, poolSize: 1 });
  let result: GradeResult;
  try {
    result = await grader.grade(exercise, submission, { include: args['visible'] === 'true' ? 'visible' : 'hidden' });
  } catch (error) {
    if (error instanceof InvalidSubmissionError) throw new UsageError(error.message);
    throw error;
  } finally {
    await grader.close();
  }
  if (args['json'] === 'true') {
    console.error(formatReport(exerciseId, result));
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(formatReport(exerciseId, result));
  }
  return result.status === 'pass' ? EXIT_PASS : result.status === 'fail' ? EXIT_FAIL : EXIT_ERROR;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`grade: ${error.message}\n${USAGE}`);
      process.exitCode = EXIT_USAGE;
    } else {
      console.error(`grade: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = EXIT_ERROR;
    }
  }
}
