// The files of a solution-corpus case (src/server/content/solution-cases.ts) on real folders: a
// whole-project case is its own files; an overlay is its files over the reference solution, minus
// what its case.json removes; a bad case.json, a removal the solution cannot honour, an overlay with
// no solution and a path out of the project are refused with a message naming the case; content:check
// also flags an overlay that copies a solution file unchanged or changes nothing a learner submits.
// A rendered task variant lays its overlays over its own rendered solution.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCases, readCase, SolutionCaseError, solutionCaseIssues, submittedFiles } from '../../../src/server/content/solution-cases.ts';
import { renderVariant } from '../../../src/server/variants/render.ts';

const ID = 'ex-overlay';
const EXERCISE = { id: ID, kind: 'implement' as const, editable: ['src/task.ts', 'src/task.test.ts', 'README.md'] };

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const wrong = (name: string, path: string, text: string): void => write(`exercises/${ID}/tests/wrong/${name}/${path}`, text);
const caseJson = (name: string, value: unknown): void => wrong(name, 'case.json', typeof value === 'string' ? value : JSON.stringify(value));
/** The message a case is refused with. */
const refusal = (name: string): string => {
  try {
    readCase(root, ID, 'wrong', name);
  } catch (error) {
    if (error instanceof SolutionCaseError) return error.message;
    throw error;
  }
  throw new Error(`case ${name} was not refused`);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'practicum-solution-cases-'));
  write(`solutions/${ID}/src/task.ts`, 'export const task = 1;\n');
  write(`solutions/${ID}/src/task.test.ts`, 'test\n');
  write(`solutions/${ID}/README.md`, '# Task\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the files of a case', () => {
  it('a whole-project case is its own files, nothing of the solution', () => {
    wrong('whole', 'src/task.ts', 'export const task = 2;\n');
    const c = readCase(root, ID, 'wrong', 'whole');
    expect(c.overlay).toBeNull();
    expect(c.files).toEqual({ 'src/task.ts': 'export const task = 2;\n' });
    expect(c.where).toBe(`exercises/${ID}/tests/wrong/whole`);
  });

  it('an overlay is the solution with its own files over it and its removed files left out', () => {
    caseJson('thin', { about: 'Wrong: README.md left as the starter has it.', over: 'solution', remove: ['README.md'] });
    wrong('thin', 'src/task.ts', 'export const task = 3;\n');
    wrong('thin', 'vitest.config.ts', 'export default {};\n');
    const c = readCase(root, ID, 'wrong', 'thin');
    expect(c.overlay).toEqual({ about: 'Wrong: README.md left as the starter has it.', over: 'solution', remove: ['README.md'] });
    expect(c.own).toEqual({ 'src/task.ts': 'export const task = 3;\n', 'vitest.config.ts': 'export default {};\n' });
    expect(c.files).toEqual({ 'src/task.ts': 'export const task = 3;\n', 'src/task.test.ts': 'test\n', 'vitest.config.ts': 'export default {};\n' });
    // what a learner submits: the editable files only (the grader keeps the starter's README.md)
    expect(submittedFiles(c, EXERCISE)).toEqual({ 'src/task.ts': 'export const task = 3;\n', 'src/task.test.ts': 'test\n' });
  });

  it('an overlay without "remove" keeps every solution file; a later fix to the solution reaches it', () => {
    caseJson('one', { over: 'solution' });
    wrong('one', 'src/task.ts', 'export const task = 4;\n');
    write(`solutions/${ID}/src/task.test.ts`, 'fixed test\n');
    expect(readCase(root, ID, 'wrong', 'one').files).toEqual({ 'src/task.ts': 'export const task = 4;\n', 'src/task.test.ts': 'fixed test\n', 'README.md': '# Task\n' });
  });

  it('lists the case folders of each kind, sorted, and none where the folder is missing', () => {
    wrong('b', 'src/task.ts', '');
    wrong('a', 'src/task.ts', '');
    expect(listCases(root, ID, 'wrong')).toEqual(['a', 'b']);
    expect(listCases(root, ID, 'right')).toEqual([]);
  });
});

describe('a case that cannot be read is refused, naming it', () => {
  it('case.json that is not JSON, or not the convention', () => {
    caseJson('broken', '{ over: solution');
    expect(refusal('broken')).toMatch(new RegExp(`^exercises/${ID}/tests/wrong/broken/case\\.json: is not valid JSON .*"over": "solution"`));
    caseJson('starter', { over: 'starter' });
    expect(refusal('starter')).toBe(`exercises/${ID}/tests/wrong/starter/case.json: over: must be "solution": an overlay is laid over the reference solution`);
    caseJson('extra', { over: 'solution', replace: ['README.md'] });
    expect(refusal('extra')).toMatch(/^exercises\/ex-overlay\/tests\/wrong\/extra\/case\.json: .*"replace".*: case\.json has only "over", "remove" and "about"$/);
    caseJson('blank', { about: ' ', over: 'solution' });
    expect(refusal('blank')).toBe(`exercises/${ID}/tests/wrong/blank/case.json: about: must say what the case is, or be left out`);
    caseJson('list', { over: 'solution', remove: 'README.md' });
    expect(refusal('list')).toMatch(/^exercises\/ex-overlay\/tests\/wrong\/list\/case\.json: remove: .*array/);
  });

  it('a removed path that leaves the project', () => {
    for (const [name, path] of [['up', '../solutions/x.ts'], ['inner', 'src/../../x.ts'], ['abs', '/etc/passwd'], ['dot', './README.md'], ['back', 'src\\task.ts']] as const) {
      caseJson(name, { over: 'solution', remove: [path] });
      expect(refusal(name)).toBe(`exercises/${ID}/tests/wrong/${name}/case.json: remove[0]: must be a path inside the project, relative to it and "/"-separated (e.g. "README.md"), without ".."`);
    }
  });

  it('a case name that is not a folder of the corpus', () => {
    expect(() => readCase(root, ID, 'wrong', '../../solutions')).toThrow(/is not the name of a case folder/);
    expect(() => readCase(root, ID, 'wrong', 'missing')).toThrow(/tests\/wrong\/missing: is not a folder/);
  });

  it('a removed file the solution does not have, one listed twice, or one the case also holds', () => {
    caseJson('absent', { over: 'solution', remove: ['NOTES.md'] });
    expect(refusal('absent')).toBe(`exercises/${ID}/tests/wrong/absent/case.json: remove[0]: "NOTES.md" is not a file of solutions/${ID}/, so there is nothing to remove (paths are relative to the solution folder)`);
    caseJson('twice', { over: 'solution', remove: ['README.md', 'README.md'] });
    expect(refusal('twice')).toMatch(/twice\/case\.json: remove\[1\]: "README\.md" is listed twice/);
    caseJson('both', { over: 'solution', remove: ['README.md'] });
    wrong('both', 'README.md', '# Mine\n');
    expect(refusal('both')).toMatch(/both\/case\.json: remove\[0\]: "README\.md" is removed, but the case holds its own README\.md/);
  });

  it('an overlay on an exercise without a reference solution', () => {
    rmSync(join(root, 'solutions'), { recursive: true });
    caseJson('orphan', { over: 'solution' });
    wrong('orphan', 'src/task.ts', 'x\n');
    expect(refusal('orphan')).toBe(
      `exercises/${ID}/tests/wrong/orphan/case.json: over: lays the case over the reference solution, but solutions/${ID}/ is missing: add the solution, or make the case a whole project (delete case.json)`,
    );
  });

  it('a link inside a case, which could read any file', () => {
    wrong('linked', 'src/task.ts', 'x\n');
    symlinkSync('/etc/hostname', join(root, `exercises/${ID}/tests/wrong/linked/src/other.ts`));
    expect(refusal('linked')).toBe(`exercises/${ID}/tests/wrong/linked/src/other.ts: is a link: a case holds plain files only`);
  });
});

describe("content:check's rules for cases", () => {
  it('reports every unreadable case, unchanged copies in an overlay and an overlay that changes nothing, and nothing for good cases', () => {
    wrong('whole', 'src/task.ts', 'export const task = 1;\n'); // a whole project may hold any copy
    caseJson('good', { over: 'solution', remove: ['README.md'] });
    caseJson('copy', { over: 'solution' });
    wrong('copy', 'src/task.ts', 'export const task = 5;\n');
    wrong('copy', 'README.md', '# Task\n');
    caseJson('nothing', { over: 'solution' });
    wrong('nothing', 'vitest.config.ts', 'export default {};\n');
    caseJson('bad', { over: 'solution', remove: ['NOTES.md'] });
    const issues = solutionCaseIssues(root, EXERCISE);
    expect(issues).toEqual([
      { file: `exercises/${ID}/tests/wrong/bad/case.json`, field: 'remove[0]', message: expect.stringMatching(/"NOTES\.md" is not a file of solutions\/ex-overlay\//) },
      { file: `exercises/${ID}/tests/wrong/copy/README.md`, message: `is the same as solutions/${ID}/README.md: an overlay holds only the files it changes, so delete this copy` },
      { file: `exercises/${ID}/tests/wrong/nothing/case.json`, message: expect.stringMatching(/changes none of the files a learner submits \(src\/task\.ts, src\/task\.test\.ts, README\.md\), so it is the reference solution itself/) },
    ]);
  });
});

describe('a task with variants', () => {
  it('renders case.json with the template, so an overlay lies over the variant’s own solution', () => {
    const definition = JSON.parse(readFileSync(join(import.meta.dirname, '../../../exercises/s2-final-project/exercise.json'), 'utf8')) as Record<string, unknown>;
    write(`exercises/${ID}/exercise.json`, JSON.stringify({ ...definition, id: ID }));
    write(`exercises/${ID}/variants.json`, JSON.stringify({ variants: [{ id: 'release', label: 'Release', params: { Entity: 'Release' } }] }));
    write(`solutions/${ID}/src/{{Entity|kebab}}.ts`, 'export class {{Entity}} {}\n');
    caseJson('renamed', { over: 'solution', remove: ['src/{{Entity|kebab}}.ts'] });
    wrong('renamed', 'src/task.ts', 'export const task = "{{Entity}}";\n');
    const out = mkdtempSync(join(tmpdir(), 'practicum-solution-cases-render-'));
    try {
      const rendered = renderVariant(root, ID, 'release', out);
      const c = readCase(rendered.root, ID, 'wrong', 'renamed');
      expect(c.overlay).toEqual({ over: 'solution', remove: ['src/release.ts'] });
      expect(c.files).toEqual({ 'src/task.ts': 'export const task = "Release";\n', 'src/task.test.ts': 'test\n', 'README.md': '# Task\n' });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
