// Write-tests grading through the real sandboxed grader: required mutants (a suite that lets a whole
// class of bug through fails at any score), the control copy (tests that recognise the real code by
// its layout earn nothing), and the fingerprint attacks of project issue 14: learn what the code
// under test looks like from a practice run, then submit one test that compares it — with
// `Project.toString()` every mutant used to "die". Runs over copies of the fixture exercise and of
// the course's s1-timestamp-tests.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import { createGrader } from '../../src/server/grader/grader.ts';
import { readCase } from '../../src/server/content/solution-cases.ts';
import { graderById, type GraderById } from '../helpers/grader-by-id.ts';

const root = join(import.meta.dirname, '../..');
/** The course suite of the wrong solution that asserts no UTC instant (s1-timestamp-tests' corpus). */
const noUtcAssertion = (): string => readCase(root, 's1-timestamp-tests', 'wrong', 'no-utc-assertion').files['tests/project.test.ts'] ?? '';
let base: string;
let grader: GraderById;
let runtimeOnly: GraderById;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'practicum-write-tests-'));
  await cp(join(root, 'tests/fixtures/exercises/fx-write-tests'), join(base, 'exercises/fx-write-tests'), { recursive: true });
  await cp(join(root, 'exercises/s1-timestamp-tests'), join(base, 'exercises/s1-timestamp-tests'), { recursive: true });
  const common = { projectRoot: root, solutionsDir: join(root, 'tests/fixtures/solutions'), poolSize: 1 };
  [grader, runtimeOnly] = (await Promise.all([createGrader(common), createGrader({ ...common, staticChecks: false })])).map((g) => graderById(g, base)) as [GraderById, GraderById];
});
afterAll(async () => {
  await Promise.all([grader?.close(), runtimeOnly?.close()]);
  await rm(base, { recursive: true, force: true });
});

const slugTests = (body: string): Record<string, string> => ({
  'tests/slug.test.ts': `import { expect, it } from 'vitest';\nimport { slugify } from '../src/slug.ts';\n${body}`,
});
const projectTests = (body: string): Record<string, string> => ({
  'tests/project.test.ts': `import { describe, expect, it } from 'vitest';\nimport { Project } from '../src/project.ts';\n${body}`,
});
const mutantOutcomes = (result: GradeResult) => result.tests.filter((t) => t.name.startsWith('mutant '));
const dump = (result: GradeResult): string => JSON.stringify(result, null, 1).slice(0, 3000);

/** The number in an assertion message "expected <n> to be …" of a practice run. */
function learned(result: GradeResult, testName: string): string {
  const message = result.tests.find((t) => t.name === testName)?.message ?? '';
  const match = /expected '?([^' ]+)'? to be/.exec(message);
  if (!match?.[1]) throw new Error(`no value learned from ${testName}: ${dump(result)}`);
  return match[1];
}

describe('required mutants', () => {
  it('fails a suite that reaches the pass mark but lets a required mutant through, naming its class', async () => {
    const result = await grader.grade('fx-write-tests', slugTests("it('lower-cases', () => { expect(slugify('Hello World')).toBe('hello-world'); });\n"));
    expect(result.score, dump(result)).toBe(0.5); // the fixture's pass mark
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/Your tests let an edge-of-string bug through: slugify leaves dashes at the start and the end\./);
    expect(result.message).toMatch(/must be caught to pass, whatever the score/);
    const [m1, m2] = mutantOutcomes(result);
    expect(m1).toMatchObject({ status: 'pass', message: 'caught by: lower-cases' });
    expect(m2).toMatchObject({ name: 'mutant m2-keeps-edge-dashes (an edge-of-string bug, must be caught) is caught by your tests', status: 'fail' });
  });

  it('passes a suite that catches the required mutant', async () => {
    const solution = await readFile(join(root, 'tests/fixtures/solutions/fx-write-tests/tests/slug.test.ts'), 'utf8');
    const result = await grader.grade('fx-write-tests', { 'tests/slug.test.ts': solution });
    expect(result.status, dump(result)).toBe('pass');
    expect(result.score).toBe(1);
    expect(result.tests.find((t) => t.name.startsWith('a copy that behaves exactly'))?.status).toBe('pass');
  });

  it('fails the course suite with no UTC assertion although it catches 8 of 10 (the pass mark)', { timeout: 180_000 }, async () => {
    const source = noUtcAssertion();
    const result = await grader.grade('s1-timestamp-tests', { 'tests/project.test.ts': source });
    expect(result.score, dump(result)).toBe(0.8);
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/Your tests let a UTC bug through: Project\.fromRecord\(\) accepts .*; toRecord\(\) writes/);
    const survivors = mutantOutcomes(result).filter((t) => t.status === 'fail').map((t) => t.name);
    expect(survivors).toEqual([
      'mutant naive-import (a UTC bug, must be caught) is caught by your tests',
      'mutant record-without-zone (a UTC bug, must be caught) is caught by your tests',
    ]);
  });
});

describe('mutants are told apart by behaviour only', () => {
  it('earns nothing with a Project.toString() fingerprint learned from a practice run', { timeout: 180_000 }, async () => {
    // the fingerprint of every function the learner can reach: the class and each method
    const fingerprint = `const text = [Project, ...Object.getOwnPropertyNames(Project.prototype).map((k) => Object.getOwnPropertyDescriptor(Project.prototype, k)?.value).filter((f) => typeof f === 'function'), Project.fromRecord].map((f) => String(f)).join('\\n');
let hash = 7;
for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) % 1_000_000_007;
`;
    const probe = await grader.grade('s1-timestamp-tests', projectTests(`it('fingerprint', () => {\n${fingerprint}expect(hash).toBe(-1);\n});\n`), { include: 'visible' });
    const value = learned(probe, 'fingerprint');
    const attack = projectTests(`it('is the real Project', () => {\n${fingerprint}expect(hash).toBe(${value});\n});\n`);
    for (const g of [grader, runtimeOnly]) {
      const result = await g.grade('s1-timestamp-tests', attack);
      // the test passes on the real Project, and on every mutant: the text is the same everywhere
      expect(result.status, dump(result)).toBe('fail');
      expect(result.score).toBe(0);
      expect(mutantOutcomes(result).map((t) => t.status)).toEqual(Array(10).fill('fail'));
    }
  });

  it('reads no source text of the code under test: functions and classes look built in', async () => {
    const body = `it('reads the source', () => {
  expect(String(slugify)).toBe('function slugify() { [native code] }');
  expect(Object.getPrototypeOf(slugify).toString.call(slugify)).toBe('function slugify() { [native code] }');
  expect(Reflect.apply(Object.getPrototypeOf(slugify).toString, slugify, [])).toBe('function slugify() { [native code] }');
  expect(\`\${slugify}\`).toBe('function slugify() { [native code] }');
  expect(String(class Local { m() { return 1; } })).toBe('class Local { [native code] }');
  expect(String(Math.max)).toBe('function max() { [native code] }');
});
// vitest reads which fixtures a test uses from the text of its destructured first parameter
const test = it.extend<{ title: string }>({ title: async ({}, use) => { await use('Hello World'); } });
test('uses a test-context fixture', ({ title, task }) => {
  expect(task.name).toBe('uses a test-context fixture');
  expect(slugify(title)).toBe('hello-world');
});
`;
    for (const g of [grader, runtimeOnly]) {
      const result = await g.grade('fx-write-tests', slugTests(body), { include: 'visible' });
      expect(result.status, dump(result)).toBe('pass');
    }
  });

  it('refuses to read the implementation file (node:fs is not importable, process is not reachable)', async () => {
    const fsRead = `import { readFileSync } from 'node:fs';\nimport { expect, it } from 'vitest';\nit('reads the file', () => { expect(readFileSync(new URL('../src/slug.ts', 'file:///x/'), 'utf8')).toContain('slug'); });\n`;
    const viaProcess = `import { expect, it } from 'vitest';\nit('reads the file', () => { const fs = (process as any).getBuiltinModule('node:fs'); expect(fs.readFileSync('../src/slug.ts', 'utf8')).toContain('slug'); });\n`;
    for (const g of [grader, runtimeOnly]) {
      const refused = await g.grade('fx-write-tests', { 'tests/slug.test.ts': fsRead });
      expect(refused.status).not.toBe('pass');
      expect(refused.message ?? '').toMatch(/"node:fs" is not allowed/);
      const viaProc = await g.grade('fx-write-tests', { 'tests/slug.test.ts': viaProcess });
      expect(viaProc.status).not.toBe('pass');
    }
  });

  it('earns nothing by recognising the real layout in a stack trace: no frame of the code under test shows', { timeout: 180_000 }, async () => {
    // where V8 says the error thrown on a blank name comes from, read from raw CallSites: the frames
    // of src/project.ts (whose lines and columns differ between copies) are not there at all
    const where = `function throwSite(): string {
  const saved = Error.prepareStackTrace;
  (Error as any).prepareStackTrace = (_e: unknown, sites: any[]) => sites.map((s) => \`\${String(s.getFileName()).split('/').pop()}:\${s.getLineNumber()}x\${s.getColumnNumber()}\`).join('|');
  try { new Project({ id: 'p', name: '' }); return 'none'; } catch (error) { return String((error as Error).stack).split('|')[0] ?? ''; } finally { (Error as any).prepareStackTrace = saved; }
}
`;
    const probe = await grader.grade('s1-timestamp-tests', projectTests(`${where}it('where', () => { expect(throwSite()).toBe('-'); });\n`), { include: 'visible' });
    const site = learned(probe, 'where');
    expect(site).toMatch(/^entity\.ts:\d+x\d+$/); // the reference library's frame: the same in every copy
    const attack = projectTests(`${where}it(\`is the real Project at \${throwSite()}\`, () => { expect(throwSite()).toBe('${site}'); });\n`);
    const result = await grader.grade('s1-timestamp-tests', attack);
    expect(result.status, dump(result)).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.tests.find((t) => t.name.startsWith('a copy that behaves exactly'))?.status).toBe('pass');
    expect(mutantOutcomes(result).map((t) => t.status)).toEqual(Array(10).fill('fail'));
  });

  it('earns nothing with the columns at which the code under test reads its input (they survive a new layout)', { timeout: 180_000 }, async () => {
    // a suite that lets both UTC bugs through (8 of 10), an honest check of the stored zone, and a
    // "test" that only compares the columns at which fromRecord reads the record, learned in a
    // practice run: the control's layout keeps columns, and the naive-import mutant moves them
    const base = noUtcAssertion();
    const readSites = `
it('stores the record with its zone', () => {
  const { project } = setup();
  expect(project.toRecord().createdAt).toBe('2025-03-01T09:00:00.000Z');
});
function readSites(): string {
  const sites: string[] = [];
  const record: Record<string, unknown> = { id: 'p', name: 'Apollo', description: '', owner: null };
  for (const key of ['createdAt', 'updatedAt']) {
    Object.defineProperty(record, key, {
      get() {
        const at = String(new Error().stack).split('\\n').find((l) => l.includes('/src/project.ts')) ?? '';
        sites.push(at.replace(/^.*:(\\d+)\\)?$/, '$1'));
        return START;
      },
    });
  }
  Project.fromRecord(record as never);
  return sites.join(',');
}
`;
    const probe = await grader.grade('s1-timestamp-tests', { 'tests/project.test.ts': `${base}${readSites}it('reads the stored record', () => { expect(readSites()).toBe('-'); });\n` }, { include: 'visible' });
    const columns = learned(probe, 'reads the stored record');
    const attack = `${base}${readSites}it('reads the stored record', () => { expect(readSites()).toBe('${columns}'); });\n`;
    const result = await grader.grade('s1-timestamp-tests', { 'tests/project.test.ts': attack });
    expect(result.status, dump(result)).toBe('fail');
    expect(mutantOutcomes(result).find((t) => t.name.startsWith('mutant naive-import'))?.status).toBe('fail');
  });

  it('never echoes a test name computed in a run against a copy', { timeout: 180_000 }, async () => {
    // the name carries what the test saw of the copy: the mutant that records another reason
    const body = `import { FixedClock } from '@practicum/reference';
function reasonOfRename(): string {
  const project = new Project({ id: 'p', name: 'Apollo' }, { clock: new FixedClock('2025-03-01T09:00:00Z') });
  project.clearDomainEvents();
  project.rename('Apollo 2');
  return String((project.getDomainEvents()[0] as { reason?: unknown } | undefined)?.reason);
}
it(\`rename records \${reasonOfRename()}\`, () => { expect(reasonOfRename()).toBe('name_updated'); });
`;
    const result = await grader.grade('s1-timestamp-tests', projectTests(body));
    expect(result.status, dump(result)).toBe('fail');
    const caught = mutantOutcomes(result).find((t) => t.name.startsWith('mutant reason-in-metadata'));
    expect(caught).toMatchObject({ status: 'pass', message: 'caught by: 1 test(s) whose name changes with the implementation' });
    const text = [result.message, ...result.tests.map((t) => `${t.name} ${t.message ?? ''}`)].join('\n');
    expect(text.match(/rename records \S+/g)).toEqual(['rename records name_updated']);
  });
});
