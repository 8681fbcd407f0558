// An exercise as the grader takes it (grader.grade(exercise, submission)): the definition parsed by
// the one exercise schema (lib/schemas/exercise.ts), its folder, the files under starter/ and tests/,
// and its program's reference library. The server builds it from the catalogue's definition (once per
// process, content/catalog.ts); scripts and tests read it from disk with loadExercise(), through the
// same schema and the same messages as content:check.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { readExercise } from './files.ts';
import { formatIssue, type ContentIssue } from './issues.ts';
import { readLibraryField, referenceLibraryOf, type ReferenceLibrary } from './reference-library.ts';
import { readVariants, renderVariant, type RenderedTask } from '../variants/render.ts';

export interface LoadedExercise {
  definition: Exercise;
  /** Absolute path of exercises/<id>. */
  dir: string;
  /** Every file under starter/, relative to starter/, '/'-separated. */
  starterFiles: string[];
  /** Test files directly under tests/hidden and tests/visible, relative to tests/. */
  hiddenTests: string[];
  visibleTests: string[];
  /** The library its code imports (its program's, or the platform's). */
  reference: ReferenceLibrary;
}

const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** No exercise folder of that id (HTTP 404; the grade CLI's usage error). */
export class UnknownExerciseError extends Error {
  override readonly name = 'UnknownExerciseError';
  constructor(exerciseId: string, detail?: string) {
    super(`Unknown exercise "${exerciseId}"${detail ? `: ${detail}` : ''}`);
  }
}

/** The exercise's own files are invalid: the message lists each problem as content:check does. */
export class ExerciseContentError extends Error {
  override readonly name = 'ExerciseContentError';
  readonly issues: readonly ContentIssue[];
  constructor(issues: readonly ContentIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function listTestFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.test.ts')).map((e) => e.name).sort();
}

/** The exercise whose definition is `definition`, in `exercisesDir`, importing `reference`. */
export function exerciseFolder(exercisesDir: string, definition: Exercise, reference: ReferenceLibrary): LoadedExercise {
  const dir = join(exercisesDir, definition.id);
  return {
    definition,
    dir,
    starterFiles: listFiles(join(dir, 'starter')),
    hiddenTests: listTestFiles(join(dir, 'tests', 'hidden')).map((f) => `hidden/${f}`),
    visibleTests: listTestFiles(join(dir, 'tests', 'visible')).map((f) => `visible/${f}`),
    reference,
  };
}

/**
 * An exercise already parsed from <contentRoot>/exercises/ (content:check's set), with its program's
 * library read from disk. `codeRoot` holds the platform's reference/ (default: the content root).
 */
export function exerciseOnDisk(contentRoot: string, definition: Exercise, codeRoot: string = contentRoot, exercisesDir: string = join(contentRoot, 'exercises')): LoadedExercise {
  const field = readLibraryField(contentRoot, definition.program);
  const library = referenceLibraryOf(field ? { id: definition.program, referenceLibrary: field } : null, contentRoot, codeRoot);
  return exerciseFolder(exercisesDir, definition, library);
}

/**
 * One rendered variant of a certification task (variants/render.ts) as the grader takes it: the
 * variant's folder, with the library of its program in `contentRoot`.
 */
export function variantOnDisk(contentRoot: string, rendered: RenderedTask, codeRoot: string = contentRoot): LoadedExercise {
  return exerciseOnDisk(contentRoot, rendered.definition, codeRoot, join(rendered.root, 'exercises'));
}

/**
 * Reads <contentRoot>/exercises/<id> from disk (scripts and tests; the server asks the catalogue). A
 * task with variants is read as `variant` renders it, by default its first (the task as it was before
 * it had variants).
 */
export function loadExercise(contentRoot: string, id: string, codeRoot: string = contentRoot, variant?: string): LoadedExercise {
  if (!EXERCISE_ID.test(id)) throw new UnknownExerciseError(id, 'ids are lowercase kebab-case');
  if (!existsSync(join(contentRoot, 'exercises', id, 'exercise.json'))) throw new UnknownExerciseError(id);
  const issues: ContentIssue[] = [];
  const loaded = readExercise(contentRoot, id, issues);
  if (!loaded) throw new ExerciseContentError(issues);
  if (loaded.data.id !== id) throw new ExerciseContentError([{ file: loaded.file, field: 'id', message: `must equal the folder name "${id}"` }]);
  const variants = readVariants(contentRoot, id);
  if (variants) return variantOnDisk(contentRoot, renderVariant(contentRoot, id, variant ?? variants.variants[0]?.id ?? ''), codeRoot);
  if (variant !== undefined) throw new UnknownExerciseError(id, `it has no variants, so no variant "${variant}"`);
  return exerciseOnDisk(contentRoot, loaded.data, codeRoot);
}
