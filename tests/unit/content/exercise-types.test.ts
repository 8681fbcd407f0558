// Every exercise type-checks as a learner would build it: the starter as shipped, and the reference
// solution laid over the starter (solutions hold only the learner's files, so they are checked in
// place rather than by the project's tsconfig), each with its visible and hidden tests. So does every
// wrong solution (tests/wrong/<case>/) and other correct solution (tests/right/<case>/) laid over the
// starter, as its files are (an overlay case's over the reference solution, content/solution-cases.ts):
// a plausible mistake compiles, and a case that does not compile would only prove that broken code
// fails. A task with variants is checked as each of its variants renders.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typeCheckFiles } from '../../helpers/typecheck.ts';
import { readVariants, taskRoot } from '../../../src/server/variants/render.ts';
import { CASE_KINDS, listCases, readCase, type CaseKind } from '../../../src/server/content/solution-cases.ts';

const root = join(import.meta.dirname, '../../..');
const outDir = join(root, '.tmp/exercise-types');

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const CORPORA = CASE_KINDS.map((kind) => join('tests', kind));

/**
 * What is type-checked of an exercise: its folder, or, for a task with variants, each variant's
 * render (the files a candidate can be given), named by the variant.
 */
interface Source {
  id: string;
  /** Holds exercises/<id>/ and solutions/<id>/. */
  root: string;
  variant: string;
}

function sourcesOf(id: string): Source[] {
  const variants = readVariants(root, id);
  if (!variants) return [{ id, root, variant: '' }];
  return variants.variants.map((v) => ({ id, root: taskRoot(root, id, v.id), variant: v.id }));
}

/**
 * Lays out exercises/<id> under .tmp/<kind>/<variant>/<id> with its starter, overlaid by `overlay` (the
 * solution's folder, or a case's files: only the learner's files), and its visible and hidden tests.
 */
function layout(source: Source, kind: string, overlay?: string | Readonly<Record<string, string>>): string {
  const { id } = source;
  const dir = join(outDir, kind, source.variant, id);
  mkdirSync(dir, { recursive: true });
  cpSync(join(source.root, 'exercises', id, 'starter'), join(dir, 'starter'), { recursive: true });
  if (typeof overlay === 'string') cpSync(overlay, join(dir, 'starter'), { recursive: true, filter: (src) => !src.endsWith('.json') });
  for (const [path, text] of Object.entries(typeof overlay === 'object' ? overlay : {})) {
    if (path.endsWith('.json')) continue;
    mkdirSync(dirname(join(dir, 'starter', path)), { recursive: true });
    writeFileSync(join(dir, 'starter', path), text);
  }
  cpSync(join(source.root, 'exercises', id, 'tests'), join(dir, 'tests'), {
    recursive: true,
    filter: (src) => !src.includes(join('tests', 'hidden', 'mutants')) && !CORPORA.some((c) => src.includes(c)),
  });
  return dir;
}

function typeCheck(files: string[]): string[] {
  return typeCheckFiles(files, outDir, { allowImportingTsExtensions: true }).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file?.fileName.slice(outDir.length + 1) ?? 'global'}:${(pos?.line ?? 0) + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('exercise sources', () => {
  const ids = readdirSync(join(root, 'exercises')).filter((id) => existsSync(join(root, 'exercises', id, 'exercise.json')));
  const sources = ids.flatMap(sourcesOf);

  it('finds the exercises', () => {
    expect(ids.length).toBeGreaterThanOrEqual(15);
  });

  it('type-check: every solution over its starter, with the visible and hidden tests', { timeout: 120_000 }, () => {
    rmSync(outDir, { recursive: true, force: true });
    const files = sources.flatMap((s) => tsFiles(layout(s, 'solution', join(s.root, 'solutions', s.id))));
    expect(typeCheck(files)).toEqual([]);
  });

  it('type-check: every wrong and every other correct solution over its starter, with the visible and hidden tests', { timeout: 180_000 }, () => {
    const files = sources.flatMap((s) =>
      CASE_KINDS.flatMap((kind: CaseKind) =>
        listCases(s.root, s.id, kind).flatMap((c) => tsFiles(layout(s, join('tests', kind, c), readCase(s.root, s.id, kind, c).files))),
      ),
    );
    expect(files.length).toBeGreaterThan(0);
    expect(typeCheck(files)).toEqual([]);
  });
});
