// Which reference library a program's exercises import, and where it lies. A program may bring its
// own (program.json "referenceLibrary": {specifier, entry}, the entry relative to the program's folder);
// without one it uses the platform's, reference/index.ts at the project root, as "@practicum/reference".
// Everything that resolves the library asks here: the grader's sandbox (per run), its static checks
// (an exercise without allowedImports may import its library), the exercise view (the editor's types
// and the browser runner), lesson code checks, and the site's and tests' Vite aliases.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { FileText, ReferenceLibrarySource } from '../../lib/contracts/exercise-view.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { referenceLibrarySchema, type Program } from '../../lib/schemas/program.ts';

/** The platform's library: used by every program that names none of its own. */
export const PLATFORM_LIBRARY = { specifier: '@practicum/reference', entry: 'reference/index.ts' } as const;

export interface ReferenceLibrary {
  /** The bare specifier learner code, tests and lessons import it by. */
  specifier: string;
  /** Absolute path of its entry module. */
  entry: string;
  /** Absolute path of the entry's folder: every module in it belongs to the library. */
  dir: string;
}

/**
 * The library of `program` (null: an exercise whose program has no program.json, such as the grader's
 * fixtures). `contentRoot` holds content/programs/; `codeRoot` the platform's reference/ (the same
 * folder except when a program is checked on its own).
 */
export function referenceLibraryOf(program: Pick<Program, 'id' | 'referenceLibrary'> | null, contentRoot: string, codeRoot: string = contentRoot): ReferenceLibrary {
  const own = program?.referenceLibrary;
  const entry = own && program ? join(programFolder(contentRoot, program.id), own.entry) : join(codeRoot, PLATFORM_LIBRARY.entry);
  return { specifier: own?.specifier ?? PLATFORM_LIBRARY.specifier, entry, dir: dirname(entry) };
}

export function programFolder(contentRoot: string, programId: string): string {
  return join(contentRoot, 'content', 'programs', programId);
}

/**
 * program.json's referenceLibrary alone, read without the rest of the file: one broken field elsewhere
 * must not send an exercise to the wrong library. Undefined when the program or the field is absent;
 * throws when the field is there but malformed (content:check names the problem the same way).
 */
export function readLibraryField(contentRoot: string, programId: string): Program['referenceLibrary'] {
  const file = join(programFolder(contentRoot, programId), 'program.json');
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const field = (raw as { referenceLibrary?: unknown } | null)?.referenceLibrary;
  if (field === undefined) return undefined;
  const parsed = referenceLibrarySchema.safeParse(field);
  if (!parsed.success) throw new Error(`content/programs/${programId}/program.json: "referenceLibrary" is malformed (npm run content:check explains it)`);
  return parsed.data;
}

/** The bare specifiers an exercise's learner files may import: its allowedImports, or else its program's library. */
export function importsAllowed(exercise: Pick<Exercise, 'allowedImports'>, library: Pick<ReferenceLibrary, 'specifier'>): string[] {
  return exercise.allowedImports ? [...exercise.allowedImports] : [library.specifier];
}

function walk(dir: string, base: string, out: FileText[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, base, out);
    else out.push({ path: relative(base, full).split('\\').join('/'), content: readFileSync(full, 'utf8') });
  }
}

/** The library as the editor and the browser runner take it: its modules (tests excluded), relative to its folder. */
export function librarySource(library: ReferenceLibrary): ReferenceLibrarySource {
  const all: FileText[] = [];
  walk(library.dir, library.dir, all);
  return {
    specifier: library.specifier,
    entry: relative(library.dir, library.entry).split('\\').join('/'),
    files: all.filter((f) => f.path.endsWith('.ts') && !f.path.endsWith('.test.ts')),
  };
}

/**
 * specifier → entry of every library the programs under `contentRoot` use, for a Vite alias
 * (astro.config.mjs, vitest.config.ts). The platform's is always there; a program whose program.json
 * cannot be read contributes nothing (content:check reports it).
 */
export function referenceAliases(contentRoot: string, codeRoot: string = contentRoot): Record<string, string> {
  const aliases: Record<string, string> = { [PLATFORM_LIBRARY.specifier]: join(codeRoot, PLATFORM_LIBRARY.entry) };
  const programs = join(contentRoot, 'content', 'programs');
  if (!existsSync(programs)) return aliases;
  for (const id of readdirSync(programs).sort()) {
    let field: Program['referenceLibrary'];
    try {
      field = readLibraryField(contentRoot, id);
    } catch {
      continue;
    }
    if (field) aliases[field.specifier] = join(programFolder(contentRoot, id), field.entry);
  }
  return aliases;
}
