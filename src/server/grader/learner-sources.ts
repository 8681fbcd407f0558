// Prepares the learner's files of a run for the sandbox: runs the static checks on each one and
// records, per absolute path in the run folder, which names the transform must shadow and which
// bare imports the file may use: the exercise's allowedImports, or else its program's reference
// library. Learner test files of write-tests exercises (and of exercises asking for the learner's own
// tests, or measuring their coverage) may import vitest.
import { join } from 'node:path';
import type { LoadedExercise } from '../content/exercise-folder.ts';
import { importsAllowed } from '../content/reference-library.ts';
import { checkLearnerSource, formatProblems } from './static-check.ts';
import type { SubmittedFiles } from './submission.ts';

/** Keyed by path: relative to starter/ from `prepareLearnerSources`, absolute after `placeInRunDir`. */
export interface LearnerSources {
  learnerFiles: Map<string, string[]>;
  allowedImports: Map<string, string[]>;
}

export type PreparedSources = { ok: true; sources: LearnerSources } | { ok: false; message: string };

export function allowedImportsFor(exercise: Pick<LoadedExercise, 'definition' | 'reference'>, path: string): string[] {
  const allowed = importsAllowed(exercise.definition, exercise.reference);
  const writesTests =
    exercise.definition.kind === 'write-tests' ||
    ('learnerTests' in exercise.definition && exercise.definition.learnerTests !== undefined) ||
    ('coverage' in exercise.definition && exercise.definition.coverage !== undefined);
  const isLearnerTest = writesTests && path.endsWith('.test.ts');
  return isLearnerTest ? [...allowed, 'vitest'] : allowed;
}

/** Only TypeScript and JavaScript files are code; anything else (JSON, Markdown) is data. */
const isCode = (path: string): boolean => /\.(?:[cm]?ts|[cm]?js)$/.test(path);

export function prepareLearnerSources(
  exercise: Pick<LoadedExercise, 'definition' | 'reference'>,
  files: SubmittedFiles,
  staticChecks: boolean,
): PreparedSources {
  const learnerFiles = new Map<string, string[]>();
  const allowedImports = new Map<string, string[]>();
  const reports: string[] = [];
  for (const [path, text] of files) {
    const allowed = allowedImportsFor(exercise, path);
    allowedImports.set(path, allowed);
    if (!isCode(path) || !staticChecks) {
      learnerFiles.set(path, []);
      continue;
    }
    const check = checkLearnerSource(text, { path, allowedImports: allowed });
    if (check.problems.length > 0) reports.push(formatProblems(path, check.problems));
    learnerFiles.set(path, check.shadowNames);
  }
  if (reports.length > 0) {
    return { ok: false, message: `Your code was not run because it has problems:\n${reports.join('\n')}` };
  }
  return { ok: true, sources: { learnerFiles, allowedImports } };
}

export function placeInRunDir(sources: LearnerSources, runDir: string): LearnerSources {
  const place = <V>(map: Map<string, V>): Map<string, V> => new Map([...map].map(([path, v]) => [join(runDir, 'starter', path), v]));
  return { learnerFiles: place(sources.learnerFiles), allowedImports: place(sources.allowedImports) };
}
