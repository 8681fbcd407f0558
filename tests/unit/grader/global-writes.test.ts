// Which writes of a learner file reach a global variable (src/server/grader/global-writes.ts): any
// assignment target that no enclosing scope of the file declares, whatever shadows it elsewhere.
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { findGlobalWrites } from '../../../src/server/grader/global-writes.ts';
import { exportedValueNames } from '../../../src/server/grader/exported-values.ts';

const writes = (code: string): string[] =>
  findGlobalWrites(parseAst(code, { lang: 'ts', sourceType: 'module' }) as unknown as { type: string }).map((w) => w.name);

describe('findGlobalWrites', () => {
  it('finds plain, compound, update, destructuring and for-of writes to globals', () => {
    expect(writes('Promise = X as never;')).toEqual(['Promise']);
    expect(writes('(Promise as any) = X;')).toEqual(['Promise']);
    expect(writes('Date += 1; Math++;')).toEqual(['Date', 'Math']);
    expect(writes('[Object, JSON] = [1, 2];')).toEqual(['Object', 'JSON']);
    expect(writes('({ a: Error, ...Reflect } = {});')).toEqual(['Error', 'Reflect']);
    expect(writes('for (Symbol of []) {}')).toEqual(['Symbol']);
    expect(writes('function f(a = (WeakRef = 1)) {}')).toEqual(['WeakRef']);
    expect(writes('function f() { setTimeout = () => 0; }')).toEqual(['setTimeout']);
  });

  it('is not fooled by a declaration of the same name in another scope, an ambient one or a type import', () => {
    expect(writes('function unused() { let Promise; } Promise = 1;')).toEqual(['Promise']);
    expect(writes('function f() { let Date = 1; Date = 2; } Date = 3;')).toEqual(['Date']);
    expect(writes('declare let Promise: any; Promise = 1;')).toEqual(['Promise']);
    expect(writes('import type { Promise } from "x"; Promise = 1;')).toEqual(['Promise']);
  });

  it('leaves writes to declared variables and to properties alone', () => {
    const local = [
      'let a = 1; a = 2; a++;',
      'export let counter = 0; export function inc() { counter += 1; }',
      'x.y = 1; x[z] = 2;',
      'class A { m() { A = 1; } }',
      'const f = function g() { g = 1; };',
      'try {} catch (e) { e = 1; }',
      'switch (1) { case 1: let q = 1; q = 2; }',
      'for (const x of []) { x; } for (var y in {}) y = 1;',
      'class B { static { var s = 1; s = 2; } }',
      'function h() { k = 1; var k; }',
      'if (1) { function hh() {} hh = 2; }',
      'let o; ({ o } = { o: 1 });',
      'import { m } from "x"; function n(m: number) { m = 2; }',
    ];
    for (const code of local) expect(writes(code), code).toEqual([]);
  });
});

describe('exportedValueNames', () => {
  it('lists the values a module declares and exports, not types, ambient declarations or re-exports', () => {
    const code = `import { z } from './z.ts';
export class A {}
export abstract class B {}
export function f() {}
export const C = [1], { d, e: [E] } = { d: 1, e: [2] };
const hidden = 1, shown = 2;
export { shown, z };
export type T = number;
export interface I {}
declare const ambient: number;
export { ambient };
export * from './other.ts';
export { again } from './again.ts';
`;
    expect(exportedValueNames(code, 'src/m.ts').sort()).toEqual(['A', 'B', 'C', 'E', 'd', 'f', 'shown']);
  });
});
