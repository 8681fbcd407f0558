// The folder of one grading run, laid out like the exercise folder it comes from (README, "Exercises
// and grading"): the exercise's starter files with the learner's files written over them under
// starter/, and only the test files this run executes under tests/. Mutants, review keys and
// solutions are never copied. Each run gets a fresh folder, removed afterwards.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LoadedExercise } from '../content/exercise-folder.ts';
import type { SubmittedFiles } from './submission.ts';

export interface RunDirContents {
  exercise: LoadedExercise;
  /** Files written over starter/ (learner files), relative to starter/. */
  files: SubmittedFiles;
  /** Test files to copy, relative to the exercise's tests/ folder. */
  tests: readonly string[];
  /** Files from the exercise folder copied over starter/ after the learner's (mutants). */
  overrides?: ReadonlyMap<string, string>;
}

export async function createRunDir(parent: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, 'run-'));
}

export async function populateRunDir(runDir: string, contents: RunDirContents): Promise<void> {
  const { exercise } = contents;
  // every file of the run is an ES module (vitest would otherwise give CommonJS-looking files require())
  await writeFile(join(runDir, 'package.json'), '{ "type": "module" }\n');
  await cp(join(exercise.dir, 'starter'), join(runDir, 'starter'), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  for (const [path, text] of contents.files) {
    const target = join(runDir, 'starter', path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  for (const [path, source] of contents.overrides ?? []) {
    const target = join(runDir, 'starter', path);
    await mkdir(dirname(target), { recursive: true });
    await cp(source, target);
  }
  for (const test of contents.tests) {
    const target = join(runDir, 'tests', test);
    await mkdir(dirname(target), { recursive: true });
    await cp(join(exercise.dir, 'tests', test), target);
  }
}

export async function removeRunDir(runDir: string): Promise<void> {
  await rm(runDir, { recursive: true, force: true });
}
