// The random layout given to every copy of the code under test in write-tests grading
// (src/server/grader/kinds/code-under-test.ts): other line numbers, the same behaviour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { relayout, type LayoutRandom } from '../../../src/server/grader/kinds/code-under-test.ts';

const root = join(import.meta.dirname, '../../..');
/** Pads in front of every statement it may, with one line each. */
const always: LayoutRandom = { int: (max) => (max === 2 ? 1 : 0), nonce: () => 'nonce-1' };
const never: LayoutRandom = { int: () => 0, nonce: () => 'nonce-2' };

describe('relayout', () => {
  it('puts a nonce on a new first line and no-op statements in front of statements', () => {
    const source = "import { x } from './x.ts';\nexport function f(a: number): number {\n  const b = a + 1;\n  return b;\n}\n";
    expect(relayout(source, 'src/f.ts', always)).toBe(
      'void "nonce-1";\nvoid 0;\nimport { x } from \'./x.ts\';\nvoid 0;\nexport function f(a: number): number {\n  void 0;\n  const b = a + 1;\n  void 0;\n  return b;\n}\n',
    );
    expect(relayout(source, 'src/f.ts', never)).toBe(`void "nonce-2";\n${source}`);
  });

  it('never separates an overload signature from its implementation or demotes a directive', () => {
    const source = "export function f(a: string): string;\nexport function f(a: number): number;\nexport function f(a: any) {\n  'use strict';\n  return a;\n}\n";
    const out = relayout(source, 'src/f.ts', always);
    expect(out).toContain("export function f(a: string): string;\nexport function f(a: number): number;\nexport function f(a: any) {\n  'use strict';\n  void 0;\n  return a;");
  });

  it('keeps a shebang first and leaves files that are not code alone', () => {
    expect(relayout('#!/usr/bin/env node\nconst a = 1;\n', 'bin/a.js', never)).toBe('#!/usr/bin/env node\nvoid "nonce-2";\nconst a = 1;\n');
    expect(relayout('{"a": 1}\n', 'data/a.json', always)).toBe('{"a": 1}\n');
  });

  it('gives every course mutant and its original a layout that still parses, with its code intact', () => {
    const dir = join(root, 'exercises/s1-timestamp-tests');
    const files = [join(dir, 'starter/src/project.ts'), join(dir, 'tests/hidden/mutants/created-at-shared/src/project.ts')];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const out = relayout(source, 'src/project.ts', always);
      expect(() => parseAst(out, { lang: 'ts', sourceType: 'module' })).not.toThrow();
      expect(out.split('\n').length).toBeGreaterThan(source.split('\n').length + 20);
      // removing the inserted lines gives the original back
      expect(out.replace(/^void "nonce-1";\n/, '').replace(/^[ \t]*void 0;\n/gm, '')).toBe(source);
    }
  });
});
