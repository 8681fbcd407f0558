// Hostile submissions that stay inside the test process and try to change how the tests judge
// them: no-op assertions (chai, expect, Object.is), vi.mock of vitest, forged task results,
// skipped or removed tests, faked harness timers, disallowed imports and values that forge a
// deep-equality match. Graded through the real grader with and without the static checks; none
// may earn credit, and the pool must still pass a correct submission afterwards.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORRECT_POINT,
  CORRECT_SUM,
  MODES,
  expectNoCredit,
  pointSource,
  graderFor,
  graderWorkDirs,
  leftoverRuns,
  startAdversarialEnv,
  wrongSum,
  type AdversarialEnv,
} from './adversarial-helpers.ts';

let env: AdversarialEnv;
beforeAll(async () => {
  env = await startAdversarialEnv();
});
afterAll(async () => {
  await env.close();
});

const EXPECT_GLOBAL = "(globalThis as any)[Symbol.for('expect-global')]";

describe.each(MODES)('tampering with the test harness (%s)', (mode) => {
  const grade = (source: string) => graderFor(env, mode).grade('fx-sum', { 'src/sum.ts': source });
  const gradePoint = (source: string) => graderFor(env, mode).grade('adv-shape', { 'src/point.ts': source });

  it('turns chai assertions into no-ops', async () => {
    expectNoCredit(await grade(wrongSum("import { chai } from 'vitest';\nchai.Assertion.prototype.assert = () => {};")), /"vitest" is not allowed/);
    // without importing vitest: the expect vitest keeps on the global object
    const viaGlobal = wrongSum(`const e = ${EXPECT_GLOBAL};\nObject.getPrototypeOf(e(1)).assert = () => {};`);
    expectNoCredit(await grade(viaGlobal), /globalThis|read only|read-only|not extensible|Cannot assign|Cannot read properties of undefined/);
  });

  it('overrides expect matchers and Object.is', async () => {
    const extend = wrongSum(`${EXPECT_GLOBAL}.extend({ toBe: () => ({ pass: true, message: () => '' }) });`);
    expectNoCredit(await grade(extend));
    expectNoCredit(await grade(wrongSum('Object.is = () => true;')), /read only|read-only|Cannot assign/);
    expectNoCredit(await grade(wrongSum("Object.defineProperty(Object.prototype, 'toBe', { value: () => undefined });")), /not extensible|Cannot define/);
  });

  it('mocks vitest itself with vi.mock', async () => {
    const source = wrongSum(
      "import { vi } from 'vitest';\nvi.mock('vitest', () => ({ expect: () => ({ toBe() {} }), it: () => {}, describe: (_n: string, f: () => void) => f() }));",
    );
    expectNoCredit(await grade(source), /"vitest" is not allowed/);
  });

  it('marks failed tests as passed from an afterEach hook', async () => {
    const source = wrongSum(
      "import { afterEach } from 'vitest';\nafterEach((ctx) => { ctx.task.result = { state: 'pass' } as never; });",
    );
    expectNoCredit(await grade(source), /"vitest" is not allowed/);
  });

  it('imports vitest internals and node builtins that are not on the allowlist', async () => {
    for (const specifier of ['vitest/node', 'vitest/suite', '@vitest/runner', 'node:fs', 'node:child_process', 'node:vm', 'vite']) {
      expectNoCredit(await grade(wrongSum(`import * as m from '${specifier}';\nexport const seen = m;`)), /is not allowed/);
      expectNoCredit(await grade(wrongSum(`export * from '${specifier}';`)), /is not allowed/);
      expectNoCredit(await grade(wrongSum(`const m = await import('${specifier}');\nexport const seen = m;`)), /is not allowed/);
    }
    expectNoCredit(await grade(wrongSum("const name = 'node:' + 'fs';\nconst m = await import(name);\nexport const seen = m;")), /string literal/);
  });

  it('skips the tests by monkeypatching test.skip, describe.skip and it', async () => {
    const source = wrongSum(
      "import * as v from 'vitest';\n(v as any).it = v.it.skip;\n(v.describe as any).skip = v.describe;\nv.vi.setConfig({ testTimeout: 1 });",
    );
    expectNoCredit(await grade(source), /"vitest" is not allowed/);
  });

  it('throws something that looks like vitest\'s "skip this test" signal', async () => {
    const pending = "const e = new Error('skipped'); Object.assign(e, { code: 'VITEST_PENDING', name: 'PendingError', note: 'skip' }); throw e;";
    const result = await grade(wrongSum('', pending));
    expectNoCredit(result);
    if (mode === 'runtime defences only') expect(result.tests.filter((t) => t.status === 'pass')).toEqual([]);
  });

  it('fakes the harness timers on the global object', async () => {
    // rebinding a global is refused before the code runs; with every check off, the runner keeps
    // its own timers and the grader's wall clock lives in another process
    const fake = "setTimeout = ((fn: () => void) => { fn(); return 0; }) as never;\nsetInterval = (() => 0) as never;\nclearTimeout = (() => {}) as never;";
    expectNoCredit(await grade(wrongSum(fake)), /`setTimeout` is a global: assigning to it is not allowed/);
    const hang = wrongSum(`${fake}\nawait new Promise(() => {});`);
    expectNoCredit(await env.processOnly.grade('fx-sum', { 'src/sum.ts': hang }), /Time limit exceeded/);
    expectNoCredit(await grade(wrongSum('Date.now = () => 0;')), /read only|read-only|Cannot assign/);
  });

  it('breaks stack traces so that failures cannot be reported', async () => {
    const source = wrongSum("Error.prepareStackTrace = () => { throw new Error('no stacks'); };", "throw new Error('wrong');");
    expectNoCredit(await grade(source));
  });

  it('returns objects that try to equal anything (valueOf, toJSON, Symbol.toPrimitive)', async () => {
    const liar = "const liar = { valueOf: () => 5, toJSON: () => 5, [Symbol.toPrimitive]: () => 5, toString: () => '5' };";
    expectNoCredit(await grade(wrongSum(liar, 'return liar as unknown as number;')), /to be 5/);
  });

  it('forges a deep-equality match with an asymmetric matcher of its own', async () => {
    const any = 'const any = { asymmetricMatch: () => true };';
    const flat = pointSource({ point: 'export function point(x: number, y: number) { return any; }' }, any);
    const nested = pointSource({ point: 'export function point(x: number, y: number) { return { x, y: any }; }' }, any);
    const inArray = pointSource({ points: 'export function points(n: number) { if (n < 0) throw new RangeError(); return [any, any]; }' }, any);
    const toCallback = pointSource({ visit: 'export function visit(n: number, see: (p: unknown) => void) { see(any); }' }, any);
    const viaGetter = pointSource({ Grid: 'export class Grid { get origin() { return any; } }' }, any);
    for (const source of [flat, nested, inArray, toCallback, viaGetter]) expectNoCredit(await gradePoint(source), /pretends to be a test matcher/);
  });

  it('hides the forged matcher behind a getter, a Proxy, a Map or a custom Set iterator', async () => {
    const forged = '{ asymmetricMatch: () => true }';
    const getter = pointSource({ point: `let reads = 0;\nexport function point(x: number, y: number) { return { x, get y() { return ++reads > 1 ? ${forged} : 0; } }; }` });
    const proxy = pointSource({
      point: `const trap = new Proxy({}, { has: (_t, k) => k === 'asymmetricMatch', get: (_t, k) => (k === 'asymmetricMatch' ? () => true : undefined) });\nexport function point(x: number, y: number) { return trap; }`,
    });
    const inMap = pointSource({ point: `export function point(x: number, y: number) { return { x, y: new Map([[1, ${forged}]]) }; }` });
    const iterator = pointSource({
      tags: `export function tags() { const s = new Set(['a', 'b']); Object.defineProperty(s, Symbol.iterator, { value: function* () { yield ${forged}; yield ${forged}; } }); return s; }`,
    });
    for (const source of [getter, proxy, inMap, iterator]) expectNoCredit(await gradePoint(source), /cannot be compared/);
  });

  it('throws a forged matcher where an error is expected', async () => {
    // everything else is right: only the toThrow(new RangeError(...)) comparison is forged
    const source = CORRECT_POINT.replace("throw new RangeError('count must not be negative')", 'throw { asymmetricMatch: () => true }');
    expect(source).not.toBe(CORRECT_POINT);
    expectNoCredit(await gradePoint(source), /pretends to be a test matcher/);
  });

  it('still gives credit for honest values, including class instances, spies, Maps and Sets', async () => {
    const correct = await gradePoint(CORRECT_POINT);
    expect(correct.status, JSON.stringify(correct)).toBe('pass');
    const classes = pointSource(
      {
        point: 'export function point(x: number, y: number) { return { ...new Point(x, y) }; }',
        points: "export function points(n: number) { if (n < 0) throw new RangeError('count must not be negative'); return Array.from({ length: n }, (_, i) => new Point(i, i)); }",
        tags: "export function tags() { return new Set(new Map([['a', 1], ['b', 2]]).keys()); }",
        Grid: 'export class Grid { readonly origin = new Point(0, 0); }',
      },
      'class Point { x: number; y: number; constructor(x: number, y: number) { this.x = x; this.y = y; } get sum() { return this.x + this.y; } }',
    );
    const result = await gradePoint(classes);
    expect(result.status, JSON.stringify(result)).toBe('pass');
  });

  it('leaves no run folder behind and still grades a correct submission', async () => {
    expect(await leftoverRuns(env)).toEqual([]);
    expect((await grade(CORRECT_SUM)).status).toBe('pass');
  });
});

describe.each(MODES)("forging results through vitest's worker state (%s)", (mode) => {
  // With the global object a module could rewrite the task updates the fork sends (this earned
  // full credit before runtime-shadow.ts); the static checks refuse the names, and the runtime
  // shadow binds them to undefined even when the static checks are off.
  const grade = (source: string) => graderFor(env, mode).grade('fx-sum', { 'src/sum.ts': source });
  const refused = /is not available in exercise code|Cannot read properties of undefined/;
  const forge = `const w = (globalThis as any).__vitest_worker__;
const names = new Map<string, string>();
const walk = (t: any): void => { names.set(t.id, t.name); for (const c of t.tasks ?? []) walk(c); };
const real = w.rpc;
w.rpc = new Proxy(real, { get(t: any, k: any) {
  if (k === 'onCollected') return (files: any[], ...rest: any[]) => { files.forEach(walk); return t[k](files, ...rest); };
  if (k === 'onTaskUpdate') return (packs: any[], ...rest: any[]) => {
    for (const p of packs) if (p[1]?.state === 'fail' && !String(names.get(p[0])).startsWith('integrity canary')) { p[1].state = 'pass'; p[1].errors = undefined; }
    return t[k](packs, ...rest);
  };
  return t[k];
} });`;

  it('rewrites the task updates the test process sends', async () => {
    expectNoCredit(await grade(wrongSum(forge)), refused);
    expectNoCredit(await grade(wrongSum(forge.replaceAll('(globalThis as any)', '(global as any)'))), refused);
  });

  it('marks the running test as passed from inside the learner function', async () => {
    const body = "const t = (globalThis as any).__vitest_worker__.current; t.context.onTestFinished(() => { t.result.state = 'pass'; t.result.errors = []; }); return 0;";
    expectNoCredit(await grade(wrongSum('', body)), refused);
    const direct = "(__vitest_worker__ as any).current.result = { state: 'pass' }; return 0;";
    expectNoCredit(await grade(wrongSum('declare const __vitest_worker__: unknown;', direct)), refused);
  });

  it('sends forged messages to the main process over the IPC channel', async () => {
    const send = "(process as any).send({ type: 'testfileFinished', result: 'pass' }); return 0;";
    expectNoCredit(await grade(wrongSum('', send)), refused);
  });

  it("uses vite's module helpers to import what it may not", async () => {
    const dyn = "const fs = await (__vite_ssr_dynamic_import__ as any)('node:fs');\nexport const seen = fs;";
    expectNoCredit(await grade(wrongSum(`declare const __vite_ssr_dynamic_import__: unknown;\n${dyn}`)), /`__vite_ssr_dynamic_import__` is not available/);
  });
});

describe('hostile tests in a write-tests exercise (where learner tests may import vitest)', () => {
  const gradeTests = (source: string) => env.checked.grade('fx-write-tests', { 'tests/slug.test.ts': source });
  const header = "import { describe, expect, it, vi, chai } from 'vitest';\nimport { slugify } from '../src/slug.ts';\n";

  it('no-ops chai and extends expect so that every test passes', async () => {
    const noop = `${header}chai.Assertion.prototype.assert = () => {};\nit('anything', () => { expect(slugify('A B')).toBe('nope'); });\n`;
    expectNoCredit(await gradeTests(noop), /read only|read-only|Cannot assign|could not run/);
    const extend = `${header}expect.extend({ toBe: () => ({ pass: true, message: () => '' }) });\nit('anything', () => { expect(slugify('A B')).toBe('nope'); });\n`;
    expectNoCredit(await gradeTests(extend));
  });

  it('mocks the implementation so that its tests cannot fail', async () => {
    const source = `${header}vi.mock('../src/slug.ts', () => ({ slugify: () => 'x' }));\nit('is x', () => { expect(slugify('whatever')).toBe('x'); });\n`;
    const result = await gradeTests(source);
    expectNoCredit(result);
    expect(result.score ?? 0).toBe(0);
  });

  it('reads the implementation source with ?raw to tell mutants apart', async () => {
    // kills every mutant without testing behaviour: the source differs from the original
    const original = await readFile(join(env.exercisesDir, 'fx-write-tests/starter/src/slug.ts'), 'utf8');
    const source = `import { expect, it } from 'vitest';\nimport text from '../src/slug.ts?raw';\nit('is the original', () => { expect(text).toBe(${JSON.stringify(original)}); });\n`;
    expectNoCredit(await gradeTests(source), /without a query/);
    expectNoCredit(await env.runtimeOnly.grade('fx-write-tests', { 'tests/slug.test.ts': source }), /without a query/);
  });

  it('imports vitest internals next to vitest', async () => {
    const source = `import { createVitest } from 'vitest/node';\nimport { it } from 'vitest';\nit('runs', () => { void createVitest; });\n`;
    expectNoCredit(await gradeTests(source), /"vitest\/node" is not allowed/);
  });

  it('skips every test and exits the process', async () => {
    expectNoCredit(await gradeTests(`${header}it.skip('lower-cases', () => { expect(slugify('A')).toBe('a'); });\n`));
    expectNoCredit(await env.runtimeOnly.grade('fx-write-tests', { 'tests/slug.test.ts': `${header}it('exits', () => { process.exit(0); });\n` }));
  });
});

describe('after every attack', () => {
  it('removes the graders\' folders on close', async () => {
    expect(await leftoverRuns(env)).toEqual([]);
    expect(await graderWorkDirs(env)).toHaveLength(3);
    await Promise.all([env.checked.close(), env.runtimeOnly.close(), env.processOnly.close()]);
    expect(await graderWorkDirs(env)).toEqual([]);
  });
});
