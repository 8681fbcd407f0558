// Every exercise type-checks as a learner would build it: the starter as shipped, and the reference
// solution laid over the starter (solutions hold only the learner's files, so they are checked in
// place rather than by the project's tsconfig), each with its visible and hidden tests.
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

/** Lays out exercises/<id> with its starter (optionally overlaid by the solution) under .tmp. */
function layout(id: string, withSolution: boolean): string {
  const dir = join(outDir, withSolution ? 'solution' : 'starter', id);
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'exercises', id, 'starter'), join(dir, 'starter'), { recursive: true });
  if (withSolution) cpSync(join(root, 'solutions', id), join(dir, 'starter'), { recursive: true, filter: (src) => !src.endsWith('.json') });
  cpSync(join(root, 'exercises', id, 'tests'), join(dir, 'tests'), { recursive: true, filter: (src) => !src.includes(`${join('tests', 'hidden', 'mutants')}`) });
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
    const files = ids.flatMap((id) => tsFiles(layout(id, true)));
    expect(typeCheck(files)).toEqual([]);
  });
});
