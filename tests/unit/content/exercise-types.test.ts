// Every exercise type-checks as a learner would build it: the starter as shipped, and the reference
// solution laid over the starter (solutions hold only the learner's files, so they are checked in
// place rather than by the project's tsconfig), each with its visible and hidden tests. So does every
// wrong solution (tests/wrong/<case>/) and other correct solution (tests/right/<case>/) laid over the
// starter: a plausible mistake compiles, and a case that does not compile would only prove that broken
// code fails.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typeCheckFiles } from '../../helpers/typecheck.ts';

const root = join(import.meta.dirname, '../../..');
const outDir = join(root, '.tmp/exercise-types');

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const CORPORA = [join('tests', 'wrong'), join('tests', 'right')];

/** Case folders under exercises/<id>/tests/wrong/ (mistakes) or tests/right/ (other correct solutions). */
function cases(id: string, corpus: string): string[] {
  const dir = join(root, 'exercises', id, corpus);
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
}

/**
 * Lays out exercises/<id> under .tmp/<variant>/<id> with its starter, overlaid by `overlay` (the
 * solution or a wrong case: only the learner's files), and its visible and hidden tests.
 */
function layout(id: string, variant: string, overlay?: string): string {
  const dir = join(outDir, variant, id);
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'exercises', id, 'starter'), join(dir, 'starter'), { recursive: true });
  if (overlay) cpSync(overlay, join(dir, 'starter'), { recursive: true, filter: (src) => !src.endsWith('.json') });
  cpSync(join(root, 'exercises', id, 'tests'), join(dir, 'tests'), {
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

  it('finds the exercises', () => {
    expect(ids.length).toBeGreaterThanOrEqual(15);
  });

  it('type-check: every solution over its starter, with the visible and hidden tests', { timeout: 120_000 }, () => {
    rmSync(outDir, { recursive: true, force: true });
    const files = ids.flatMap((id) => tsFiles(layout(id, 'solution', join(root, 'solutions', id))));
    expect(typeCheck(files)).toEqual([]);
  });

  it('type-check: every wrong and every other correct solution over its starter, with the visible and hidden tests', { timeout: 180_000 }, () => {
    const files = ids.flatMap((id) =>
      CORPORA.flatMap((corpus) => cases(id, corpus).flatMap((c) => tsFiles(layout(id, join(corpus, c), join(root, 'exercises', id, corpus, c))))),
    );
    expect(files.length).toBeGreaterThan(0);
    expect(typeCheck(files)).toEqual([]);
  });
});
