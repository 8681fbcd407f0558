// The session 2 final project in real Chromium against the built server: a learner fills in the
// four files of the project in the editor (entity, service, its tests, README) and submits.
// With tests that cover too little the server grader fails it, naming the files and percentages,
// and the results panel shows the coverage of each file in a table that says which figures are
// below the minimum; with the reference solution's tests it passes, the table showing every file
// above it. The server runner is the one that grades (no WebContainer here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readCase } from '../../src/server/content/solution-cases.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { launchBrowser, signUpInBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const EXERCISE = 's2-final-project';
const FILES = ['src/task.ts', 'src/task-service.ts', 'src/task.test.ts', 'README.md'];
const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');
const SOLUTION = join(ROOT, 'solutions', EXERCISE);
/** The corpus case "too few tests" as a learner would have it: its own files over the reference solution. */
const THIN_TESTS = readCase(ROOT, EXERCISE, 'wrong', 'tests-cover-too-little').files;

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The learner's draft of one file as the editor saved it locally (what Submit sends). */
async function draftOf(page: Page, path: string): Promise<string | undefined> {
  return page.evaluate(
    ([suffix, file]) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('practicum:draft:') && k.endsWith(suffix ?? ''));
      return (JSON.parse((key && localStorage.getItem(key)) || '{}') as { files?: Record<string, string> }).files?.[file ?? ''];
    },
    [`:${EXERCISE}`, path],
  );
}

/** Opens the file's tab and replaces its text the way a learner pasting it would. */
async function replaceFile(page: Page, path: string, text: string): Promise<void> {
  await page.getByRole('tab', { name: path, exact: true }).click();
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => draftOf(page, path), { timeout: 30_000 }).toBe(text);
}

/** Runs `action` and waits for the results panel's next render; returns the status badge's text. */
async function resultAfter(page: Page, action: () => Promise<void>): Promise<string | null> {
  const panel = page.getByTestId('results-panel');
  const before = (await panel.getAttribute('data-updates')) ?? '0';
  await action();
  await expect.poll(async () => (await panel.getAttribute('data-updates')) ?? '0', { timeout: 120_000 }).not.toBe(before);
  return page.getByTestId('result-status').textContent();
}

/** The coverage table as text: each row's cells, the file first. */
async function coverageRows(page: Page, testId: 'coverage-file' | 'coverage-total'): Promise<string[][]> {
  const rows = page.getByTestId('coverage-table').getByTestId(testId);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('th, td').allTextContents()).map((t) => t.trim()));
  return out;
}

describe('final project in the browser', () => {
  it('shows the coverage of each file: below the minimum with too few tests, passing with the full suite', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await signUpInBrowser(page, server.origin, 'final-project@example.com');
    await page.goto(`${server.origin}/exercises/${EXERCISE}`);
    await page.getByTestId('editor').locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('submit').isEnabled()).toBe(true);
    await expect.poll(() => page.getByRole('tab').allTextContents()).toEqual(expect.arrayContaining(FILES));

    // Correct code, a written README and monitoring, but only a few happy-path tests.
    for (const path of FILES) await replaceFile(page, path, path === 'README.md' || path.endsWith('.test.ts') ? (THIN_TESTS[path] ?? '') : read(SOLUTION, path));
    expect(await resultAfter(page, () => page.getByTestId('submit').click())).toBe('fail');
    const coverageCheck = page.locator('[data-testid="test-result"][data-status="fail"]', { hasText: 'Project: your tests cover at least 90 %' });
    await expect.poll(() => coverageCheck.count()).toBe(1);
    expect(await coverageCheck.textContent()).toMatch(/Your tests cover \d+(\.\d)? % of the lines.*Below it: src\/task-service\.ts \(.*\) and src\/task\.ts \(/);
    // every hidden test passed: the coverage is what the submission misses
    expect(await page.locator('[data-testid="test-result"][data-status="fail"]').count()).toBe(1);
    const caption = await page.getByTestId('coverage-table').locator('caption').textContent();
    expect(caption).toBe('Coverage of your code by your tests (the project needs at least 90 % of lines, statements, functions and branches)');
    expect(await page.getByTestId('coverage-table').locator('thead th').allTextContents()).toEqual(['File', 'Lines', 'Statements', 'Functions', 'Branches']);
    const thin = await coverageRows(page, 'coverage-file');
    expect(thin.map((r) => r[0])).toEqual(['src/task-service.ts', 'src/task.ts']);
    expect(thin[1]?.[1]).toMatch(/^\d+(\.\d)? % \(\d+ of \d+\) below 90 %$/);
    const [total] = await coverageRows(page, 'coverage-total');
    expect(total?.[0]).toBe('All files');
    expect(total?.slice(1).every((cell) => cell.endsWith('below 90 %'))).toBe(true);
    // the table is a real table: a caption, column headers and a header cell per row, and axe-clean
    expect(await page.getByTestId('coverage-table').locator('tbody th[scope="row"]').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    // On a phone, the same result (the page shows the last graded one): the table scrolls inside its
    // own box, a named region reachable from the keyboard, and the page stays as wide as the screen.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.origin}/exercises/${EXERCISE}`);
    await phone.getByTestId('editor').locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await phone.getByTestId('coverage-table').waitFor();
    expect((await coverageRows(phone, 'coverage-file')).map((r) => r[0])).toEqual(['src/task-service.ts', 'src/task.ts']);
    await expect.poll(() => phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => phone.locator('.ws-coverage-wrap').getAttribute('tabindex'), { timeout: 10_000 }).toBe('0');
    expect(await phone.locator('.ws-coverage-wrap').getAttribute('aria-label')).toMatch(/^Coverage of your code by your tests .*\(scrolls sideways\)$/);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.close();

    // The reference solution's tests: the same code, now covered.
    await replaceFile(page, 'src/task.test.ts', read(SOLUTION, 'src/task.test.ts'));
    expect(await resultAfter(page, () => page.getByTestId('submit').click())).toBe('pass');
    const full = await coverageRows(page, 'coverage-file');
    expect(full.map((r) => r[0])).toEqual(['src/task-service.ts', 'src/task.ts']);
    expect(full.flat().some((cell) => cell.includes('below'))).toBe(false);
    expect(full[0]?.[1]).toMatch(/^100 % \(\d+ of \d+\)$/);
    expect(await page.locator('[data-testid="test-result"][data-status="pass"]', { hasText: 'Project: README.md documents' }).count()).toBe(1);
    expect(await page.locator('.ws-solved').textContent()).toContain('Nicely done');

    // The result survives a reload: the page shows the last graded result with its table.
    await page.reload();
    await page.getByTestId('coverage-table').waitFor({ timeout: 60_000 });
    expect((await coverageRows(page, 'coverage-file')).map((r) => r[0])).toEqual(['src/task-service.ts', 'src/task.ts']);
    await context.close();
  });
});
