// A learner solves an exercise in the browser workspace, in real Chromium against the built server:
// the editor loads, a correct solution submitted to the grader passes, a broken one fails naming the
// failing test, "Run tests" falls back to the server with a stated reason (WebContainer cannot boot
// without StackBlitz's network), and the draft comes back after a reload and on another device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signUpInBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const EXERCISE = 's1-project-entity';
const solution = readFileSync(join(ROOT, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');
const emptyNameCheck = "if (this.name.trim() === '') {\n      throw new ValidationError('Project name is required', 'name');\n    }\n";
const broken = `// e2e: the empty-name rule is missing\n${solution.replace(emptyNameCheck, '')}`;

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openWorkspace(page: Page): Promise<void> {
  await page.goto(`${server.origin}/exercises/${EXERCISE}`);
  await page.getByTestId('editor').locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('submit').isEnabled()).toBe(true);
}

/** Replaces the open file's text the way a learner pasting code would. */
async function replaceCode(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  // Pasted, not typed: typing would let the editor's auto-indent re-indent every line.
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  // The editor's model is what gets saved and submitted: the local draft mirrors it exactly.
  await expect
    .poll(() =>
      page.evaluate((suffix) => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('practicum:draft:') && k.endsWith(suffix));
        return (JSON.parse((key && localStorage.getItem(key)) || '{}') as { files?: Record<string, string> }).files?.['src/project.ts'];
      }, `:${EXERCISE}`),
    )
    .toBe(text);
}

/** The editor's visible text (Monaco renders spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  return ((await page.getByTestId('editor').locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/** Runs `action` and waits for the results panel's next render; returns the new status text. */
async function resultAfter(page: Page, action: () => Promise<void>): Promise<string> {
  const panel = page.getByTestId('results-panel');
  const before = (await panel.getAttribute('data-updates')) ?? '0';
  await action();
  await expect.poll(async () => (await panel.getAttribute('data-updates')) ?? '0', { timeout: 90_000 }).not.toBe(before);
  const status = (await page.getByTestId('result-status').count()) ? await page.getByTestId('result-status').textContent() : null;
  return status === 'pass' || status === 'fail' || status === 'error' ? status : `(no status) ${await panel.textContent()}`;
}

/** The status, with the panel's text as the failure message when it is not the expected one. */
async function expectResult(page: Page, action: () => Promise<void>, expected: string): Promise<void> {
  const status = await resultAfter(page, action);
  expect(status, (await page.getByTestId('results-panel').textContent()) ?? '').toBe(expected);
}

describe('exercise workspace in the browser', () => {
  it('passes a correct solution, fails a broken one naming the test, restores the draft, shows the solution and resets', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await signUpInBrowser(page, server.origin, 'workspace@example.com');
    await openWorkspace(page);
    await expect.poll(() => page.getByRole('tab').allTextContents()).toEqual(['src/project.ts', 'tests/visible/project.test.ts (read-only)']);

    // The editor type-checks against the reference library: a wrong type is flagged, the right one is not.
    const usesReference = (type: string) => `import { FixedClock } from '@practicum/reference';\nexport const at: ${type} = new FixedClock('2025-01-01T00:00:00Z').now();\n`;
    await replaceCode(page, usesReference('number'));
    await expect.poll(() => page.locator('.squiggly-error').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await replaceCode(page, usesReference('Date'));
    await expect.poll(() => page.locator('.squiggly-error').count(), { timeout: 30_000 }).toBe(0);

    await replaceCode(page, solution);
    await expect.poll(() => page.locator('.squiggly-error').count(), { timeout: 30_000 }).toBe(0);
    await expectResult(page, () => page.getByTestId('submit').click(), 'pass');
    expect(await page.getByTestId('test-result').count()).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="test-result"][data-status="fail"]').count()).toBe(0);
    expect(await page.locator('.ws-solved').textContent()).toContain('Nicely done');
    expect(await page.locator('.ws-solved a').getAttribute('href')).toMatch(/^\/programs\/clean-timestamp(\/|$)/);
    expect(await page.locator('#ws-passed').isVisible()).toBe(true);

    await replaceCode(page, broken);
    await expectResult(page, () => page.getByTestId('submit').click(), 'fail');
    const failing = page.locator('[data-testid="test-result"][data-status="fail"]');
    expect(await failing.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('rejects an empty name')]));
    expect(await failing.first().locator('details').getAttribute('open')).not.toBeNull(); // first failure expanded

    // Run tests: no WebContainer here (no network to StackBlitz), so the server runs the visible tests.
    await expectResult(page, () => page.getByTestId('run-tests').click(), 'fail');
    // While the in-browser runner is still trying to start (up to its boot timeout) the note says so and the
    // server runs the tests meanwhile; once the boot has failed it says why the server runs them.
    await expect.poll(() => page.getByTestId('runner-note').textContent(), { timeout: 30_000 }).toMatch(/^Tests run on the server: /);
    expect(await page.locator('.ws-result-head').textContent()).toContain('Visible tests · on the server');
    // The same run from the keyboard, inside the editor.
    await expectResult(
      page,
      async () => {
        await page.getByTestId('editor').locator('.view-lines').click();
        await page.keyboard.press('ControlOrMeta+Enter');
      },
      'fail',
    );

    // Reload: the draft (the broken version) is back in the editor.
    await page.reload();
    await openWorkspace(page);
    await expect.poll(() => editorText(page)).toContain('// e2e: the empty-name rule is missing');
    expect(await page.getByTestId('draft-status').textContent()).toMatch(/Restored your draft/);
    await context.close();

    // Another device (fresh storage, same account): the server draft is restored.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await page2.goto(`${server.origin}/login`);
    await page2.getByLabel('Email').fill('workspace@example.com');
    await page2.getByLabel('Password').fill('browser-password-1');
    await page2.getByRole('button', { name: 'Sign in' }).click();
    await page2.waitForURL((url) => !url.pathname.startsWith('/login'));
    await openWorkspace(page2);
    await expect.poll(() => editorText(page2)).toContain('// e2e: the empty-name rule is missing');
    expect(await page2.getByTestId('draft-status').textContent()).toMatch(/Restored your draft from your account/);

    // After a pass the reference solution may be opened (after a confirmation); it opens read-only.
    page2.on('dialog', (dialog) => void dialog.accept());
    await page2.getByRole('button', { name: 'Show solution' }).click();
    await page2.getByRole('tab', { name: /^Solution: src\/project\.ts/ }).waitFor();
    // Reset to starter (confirmed) brings back the starter code.
    await page2.getByRole('tab', { name: 'src/project.ts', exact: true }).click();
    await page2.getByRole('button', { name: 'Reset to starter' }).click();
    await expect.poll(() => editorText(page2)).toContain('The fields and method names are fixed');
    expect(await page2.getByTestId('draft-status').textContent()).toBe('Reset to the starter code');
    await other.close();
  });

  it('records review findings line by line and submits them for grading', async () => {
    const key = JSON.parse(readFileSync(join(ROOT, 'solutions/s2-review-entity/findings.json'), 'utf8')) as { findings: { file: string; line: number; category: string }[] };
    const context = await browser.newContext();
    const page = await context.newPage();
    await signUpInBrowser(page, server.origin, 'reviewer@example.com');
    await page.goto(`${server.origin}/exercises/s2-review-entity`);
    await expect.poll(() => page.getByTestId('submit').isEnabled()).toBe(true);
    for (const f of key.findings) {
      await page.locator(`button[data-file="${f.file}"][data-line="${f.line}"]`).click();
      await page.locator('.review-form select').selectOption(f.category);
      await page.getByRole('button', { name: 'Add finding' }).click();
    }
    expect(await page.getByTestId('review-finding').count()).toBe(key.findings.length);
    await expectResult(page, () => page.getByTestId('submit').click(), 'pass');
    // Findings are a draft too: a reload keeps them.
    await page.reload();
    await expect.poll(() => page.getByTestId('review-finding').count()).toBe(key.findings.length);
    await context.close();
  });

  it('is a readable page without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`${server.origin}/exercises/${EXERCISE}`);
    expect(res?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your first clean entity: Project');
    expect(await page.getByTestId('editor').textContent()).toContain('export class Project extends BaseTimestampEntity');
    expect(await page.getByTestId('submit').isDisabled()).toBe(true);
    await context.close();
  });
});
