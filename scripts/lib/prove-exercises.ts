// Proves every exercise through the real sandboxed grader: its reference solution (solutions/<id>/)
// must pass the hidden suite, and its starter, submitted as-is, must not — an exercise whose starter
// already passes grants credit for doing nothing, one whose solution fails can never be passed.
// Used by `npm run content:check`; the grader's own checks also catch a hiddenTestCount that does
// not match the number of hidden tests that ran.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import type { Exercise } from '../../src/lib/schemas/exercise.ts';
import { createGrader, type Grader } from '../../src/server/grader/grader.ts';

export interface ExerciseProof {
  id: string;
  ok: boolean;
  problems: string[];
}

/** A review submission with no findings: what a learner who reviewed nothing would send. */
const EMPTY_REVIEW = JSON.stringify({ findings: [] });

/** The files a learner submits without changing anything: the editable starter files as shipped. */
async function starterSubmission(projectRoot: string, exercise: Exercise): Promise<Record<string, string>> {
  if (exercise.kind === 'review') return { 'findings.json': EMPTY_REVIEW };
  const files: Record<string, string> = {};
  for (const path of exercise.editable) {
    files[path] = await readFile(join(projectRoot, 'exercises', exercise.id, 'starter', path), 'utf8');
  }
  return files;
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

async function proveOne(grader: Grader, projectRoot: string, exercise: Exercise): Promise<ExerciseProof> {
  const problems: string[] = [];
  try {
    const solution = await grader.gradeSolution(exercise.id);
    if (solution.status !== 'pass') problems.push(`the reference solution does not pass: ${explain(solution)}`);
  } catch (error) {
    problems.push(`the reference solution could not be graded: ${describeError(error)}`);
  }
  try {
    const starter = await grader.grade(exercise.id, await starterSubmission(projectRoot, exercise));
    if (starter.status === 'pass') problems.push(`the unchanged starter passes (score ${starter.score ?? 1}): the exercise asks for nothing`);
  } catch (error) {
    problems.push(`the starter could not be graded: ${describeError(error)}`);
  }
  return { id: exercise.id, ok: problems.length === 0, problems };
}

/**
 * Grades each exercise's solution and starter; logs one line per exercise (and its problems) and
 * returns the proofs. The grader is always closed, whatever happens.
 */
export async function proveExerciseList(
  projectRoot: string,
  exercises: readonly Exercise[],
  log: (line: string) => void = () => {},
): Promise<ExerciseProof[]> {
  if (exercises.length === 0) return [];
  // Two slots at most: content checks share the machine with everything else.
  const poolSize = Math.max(1, Math.min(2, availableParallelism(), exercises.length));
  const grader = await createGrader({ projectRoot, poolSize });
  const proofs: ExerciseProof[] = new Array<ExerciseProof>(exercises.length);
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < exercises.length) {
        const index = next++;
        const exercise = exercises[index];
        if (exercise === undefined) continue;
        const proof = await proveOne(grader, projectRoot, exercise);
        proofs[index] = proof;
        log(`  ${proof.ok ? '✓' : '✗'} exercise ${proof.id}${proof.ok ? ': solution passes, starter fails' : ''}`);
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
): Promise<number> {
  log(`\nproving ${exercises.length} exercise(s) through the grader (solution must pass, starter must fail)…`);
  const proofs = await proveExerciseList(projectRoot, exercises, log);
  return proofs.filter((p) => !p.ok).length;
}
