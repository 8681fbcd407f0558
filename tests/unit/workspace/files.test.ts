// Run-directory layout, file trees for mount(), draft overlay and terminal text cleanup.
import { describe, expect, it } from 'vitest';
import { baseRunFiles, learnerRunFiles, overlayEditable, referenceLibs, toFileTree } from '../../../src/client/workspace/files.ts';
import { collapseCarriageReturns } from '../../../src/client/workspace/terminal.ts';
import { stripAnsi } from '../../../src/client/workspace/text.ts';

describe('run layout', () => {
  it('mirrors the grader run directory', () => {
    const base = baseRunFiles({
      reference: { specifier: '@practicum/reference', entry: 'index.ts', files: [{ path: 'index.ts', content: 'ref' }] },
      visibleTests: [{ path: 'tests/visible/a.test.ts', content: 't' }],
      readonly: [{ path: 'src/util.ts', content: 'u' }],
    });
    expect(Object.keys(base).sort()).toEqual(['package.json', 'reference/index.ts', 'starter/src/util.ts', 'tests/visible/a.test.ts', 'vitest.config.mjs']);
    expect(base['vitest.config.mjs']).toContain('"@practicum/reference": fileURLToPath(new URL("./reference/index.ts", import.meta.url))');
    expect(learnerRunFiles({ 'src/a.ts': 'x' })).toEqual({ 'starter/src/a.ts': 'x' });
    expect(referenceLibs({ specifier: '@practicum/reference', entry: 'index.ts', files: [{ path: 'clock.ts', content: 'c' }] })).toEqual([
      { filePath: 'file:///node_modules/@practicum/reference/clock.ts', content: 'c' },
    ]);
  });

  it("uses a program's own library under its specifier and entry", () => {
    const reference = { specifier: '@money-basics/money', entry: 'cents.ts', files: [{ path: 'cents.ts', content: 'export const CENTS_PER_EURO = 100;' }] };
    const base = baseRunFiles({ reference, visibleTests: [], readonly: [] });
    expect(base['reference/cents.ts']).toBe('export const CENTS_PER_EURO = 100;');
    expect(base['vitest.config.mjs']).toContain('"@money-basics/money": fileURLToPath(new URL("./reference/cents.ts", import.meta.url))');
    expect(base['vitest.config.mjs']).not.toContain('@practicum/reference');
    // the editor finds the package's index; an entry with another name is re-exported from one
    expect(referenceLibs(reference)).toEqual([
      { filePath: 'file:///node_modules/@money-basics/money/cents.ts', content: 'export const CENTS_PER_EURO = 100;' },
      { filePath: 'file:///node_modules/@money-basics/money/index.d.ts', content: 'export * from "./cents.ts";\n' },
    ]);
  });

  it('builds nested trees and refuses paths that escape', () => {
    expect(toFileTree({ 'a/b.ts': '1', 'a/c/d.ts': '2', 'e.json': '3' })).toEqual({
      a: { directory: { 'b.ts': { file: { contents: '1' } }, c: { directory: { 'd.ts': { file: { contents: '2' } } } } } },
      'e.json': { file: { contents: '3' } },
    });
    expect(() => toFileTree({ '../evil.ts': 'x' })).toThrow(/Refusing/);
  });

  it('overlays only paths that are still editable', () => {
    expect(overlayEditable({ 'src/a.ts': 'starter' }, { 'src/a.ts': 'draft', 'src/old.ts': 'gone' })).toEqual({ 'src/a.ts': 'draft' });
  });
});

describe('terminal text', () => {
  it('strips colours and applies carriage-return redraws', () => {
    expect(stripAnsi('\u001b[32m✓\u001b[39m ok')).toBe('✓ ok');
    expect(collapseCarriageReturns('⠋ installing\r⠙ installing\radded 3 packages\nnext')).toBe('added 3 packages\nnext');
  });
});

describe('view urls and keys', async () => {
  const { localDraftKey } = await import('../../../src/client/workspace/view.ts');
  const { exerciseUrls } = await import('../../../src/lib/contracts/exercise-view.ts');
  it('keeps attempt drafts and different learners apart', () => {
    const practice = { id: 's1-x', attemptId: null };
    const attempt = { id: 's1-x', attemptId: 'a 1' };
    expect(exerciseUrls(practice.id, practice.attemptId).draft).toBe('/api/exercises/s1-x/draft');
    expect(exerciseUrls(attempt.id, attempt.attemptId).draft).toBe('/api/exercises/s1-x/draft?attempt=a%201');
    expect(exerciseUrls('s1-x', 'a1').run).toBe('/api/exercises/s1-x/runs?attempt=a1');
    expect(new Set([localDraftKey(practice, 'u1'), localDraftKey(practice, 'u2'), localDraftKey(practice, null), localDraftKey(attempt, 'u1')]).size).toBe(4);
  });

  it('sends practice to the exercise routes and a certification task to its attempt', () => {
    expect(exerciseUrls('s1-x', null)).toEqual({
      page: '/exercises/s1-x',
      view: '/api/exercises/s1-x',
      submit: '/api/exercises/s1-x/submissions',
      run: '/api/exercises/s1-x/runs',
      draft: '/api/exercises/s1-x/draft',
      solution: '/api/exercises/s1-x/solution',
    });
    expect(exerciseUrls('c-task', 'att')).toMatchObject({ page: '/exercises/c-task?attempt=att', submit: '/api/certifications/attempts/att/tasks/c-task' });
  });
});
