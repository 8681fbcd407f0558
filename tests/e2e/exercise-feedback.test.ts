// Fast, findable feedback on the exercise page, in real Chromium against the built server. The
// WebContainer cannot start (the browser cannot resolve its host, stackblitz.com, whatever this
// machine's network), which is the case issue 16 measured: the first Run tests — clicked while the
// in-browser runner is still booting — must answer within the server's grading time + 1 s; the
// runner status next to the buttons says where tests run, switches to the server long before the
// 15 s boot timeout, and the next page remembers it without booting again. After Run tests or Submit
// the result summary is on screen under the editor, is a live region, and has focus (a run started
// inside the editor keeps the editor's focus). Screenshots of the page after Run tests and after
// Submit at 1280 and 390 px go to .tmp/screenshots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FIRST_RUN_OVERHEAD_TARGET_MS, NO_WEBCONTAINER_HOST, measureFirstRun } from '../../scripts/bench/first-run.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { launchBrowser, signUpInBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const EXERCISE = 's1-project-entity';
const SHOTS = join(ROOT, '.tmp', 'screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const solution = readFileSync(join(ROOT, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');

let server: RunningServer;
let browser: Browser;
let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser([NO_WEBCONTAINER_HOST])]);
  const login = await browser.newContext();
  await signUpInBrowser(await login.newPage(), server.origin, 'feedback@example.com');
  storageState = await login.storageState();
  await login.close();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const pageUrl = () => `${server.origin}/exercises/${EXERCISE}`;

/** A fresh tab of the signed-in learner: cookies kept, sessionStorage empty (nothing remembered). */
async function freshPage(viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState, viewport });
  return { context, page: await context.newPage() };
}

/** A new learner of their own (no draft of another test's code), signed in. */
async function newLearner(email: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await signUpInBrowser(page, server.origin, email);
  return { context, page };
}

async function editorReady(page: Page): Promise<void> {
  await page.getByTestId('editor').locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('submit').isEnabled()).toBe(true);
}

const runnerState = (page: Page) => page.getByTestId('runner-note').getAttribute('data-state');

/** Where the focus is, and whether the result summary is inside the viewport and below the sticky header. */
async function summaryPlacement(page: Page) {
  return page.evaluate(() => {
    const summary = document.querySelector<HTMLElement>('[data-testid="result-summary"]');
    const editor = document.querySelector<HTMLElement>('[data-testid="editor"]');
    if (!summary || !editor) throw new Error('no result summary or editor on the page');
    const box = summary.getBoundingClientRect();
    const stickyBottom = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--sticky-offset')) || 0;
    const submit = document.querySelector('[data-testid="submit"]')?.getBoundingClientRect();
    return {
      buttonsInView: submit !== undefined && submit.top >= stickyBottom && submit.bottom <= innerHeight,
      focused: document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null,
      inViewport: box.height > 0 && box.top >= stickyBottom && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
      box: { top: Math.round(box.top), bottom: Math.round(box.bottom), stickyBottom, innerHeight },
      live: summary.getAttribute('role'),
      underEditor: box.top >= editor.getBoundingClientRect().bottom,
      text: summary.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    };
  });
}

/**
 * The summary ends up wholly on screen. Read as the page settles after the render (a line of the
 * runner's status note or the draft status may still wrap a moment later): within 2 s, with the
 * last box seen when it does not.
 */
async function expectSummaryInView(page: Page): Promise<void> {
  let last = '';
  await expect
    .poll(async () => {
      const placed = await summaryPlacement(page);
      last = JSON.stringify(placed.box);
      return placed.inViewport;
    }, { timeout: 2_000 })
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`the result summary is not on screen (last box ${last}): ${(error as Error).message}`);
    });
}

/** Clicks and waits for the results panel's next render. */
async function clickForResult(page: Page, testId: 'run-tests' | 'submit'): Promise<void> {
  const panel = page.getByTestId('results-panel');
  const before = (await panel.getAttribute('data-updates')) ?? '0';
  await page.getByTestId(testId).click();
  await expect.poll(async () => (await panel.getAttribute('data-updates')) ?? '0', { timeout: 90_000 }).not.toBe(before);
}

/** Replaces the open file's text the way a learner pasting code would. */
async function pasteCode(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('practicum:draft:') && (localStorage.getItem(k) ?? '').includes('validateEntity')))).toBe(true);
}

describe('the first Run tests when the WebContainer cannot start', () => {
  it('answers within the server’s grading time + 1 s while the in-browser runner is still booting', async () => {
    const { context, page } = await freshPage();
    const sample = await measureFirstRun(page, pageUrl(), 'booting');
    // clicked while the boot was under way: the run went to the server without waiting for it
    expect(sample.stateAtClick).toBe('starting');
    expect(sample.status).toBe('fail'); // the starter does not pass the visible tests
    expect(await page.locator('.ws-result-head').textContent()).toContain('Visible tests · on the server');
    expect(sample.serverMs).toBeGreaterThan(0);
    expect(sample.clickToResultMs, JSON.stringify(sample)).toBeLessThanOrEqual(sample.serverMs + FIRST_RUN_OVERHEAD_TARGET_MS);
    await context.close();
  });

  it('says where tests run next to the buttons, fails over long before the boot timeout and remembers it for the session', async () => {
    const { context, page } = await freshPage();
    const opened = Date.now();
    await page.goto(pageUrl());
    const note = page.getByTestId('runner-note');
    expect(await note.getAttribute('role')).toBe('status'); // announced as it changes
    await expect.poll(() => runnerState(page)).toBe('starting');
    expect(await note.textContent()).toMatch(/^Starting the in-browser runner… /);
    await page.locator('iframe[src*="/headless"]').waitFor({ state: 'attached', timeout: 10_000 });
    await expect.poll(() => runnerState(page), { timeout: 10_000 }).toBe('server');
    expect(Date.now() - opened).toBeLessThan(10_000); // the boot timeout is 15 s
    expect(await note.textContent()).toBe("Tests run on the server: the in-browser runner's host (stackblitz.com) could not be reached.");
    // it sits right under the buttons
    const [actions, status] = await Promise.all([page.locator('.ws-actions').boundingBox(), note.boundingBox()]);
    expect(status && actions && status.y - (actions.y + actions.height)).toBeLessThan(24);

    // The next exercise page in this tab knows at once, and does not try to boot again.
    await page.goto(`${server.origin}/exercises/s1-legacy-refactor`);
    await editorReady(page);
    expect(await runnerState(page)).toBe('server');
    expect(await note.textContent()).toMatch(/could not be reached \(remembered for this browser session\)\.$/);
    await page.waitForTimeout(1500); // the boot would have started 500 ms after the editor
    expect(await page.locator('iframe').count()).toBe(0);
    await context.close();
  });
});

describe('results next to the editor, announced and focused', () => {
  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['390', PHONE],
  ] as const) {
    it(`after Run tests and after Submit the summary is in view and has focus (${name} px)`, async () => {
      const { context, page } = await newLearner(`focus-${name}@example.com`, viewport);
      await page.goto(pageUrl());
      await editorReady(page);
      await page.evaluate(() => scrollTo(0, 0));

      await clickForResult(page, 'run-tests');
      let placed = await summaryPlacement(page);
      expect(placed.text).toMatch(/^fail\s*\d+ tests? failed, \d+ passed\.\s*Visible tests · on the server$/);
      expect(placed.focused).toBe('result-summary');
      await expectSummaryInView(page);
      expect(placed.live).toBe('status');
      expect(placed.underEditor).toBe(true);
      await page.screenshot({ path: join(SHOTS, `exercise-after-run-${name}.png`) });

      await pasteCode(page, solution);
      await page.evaluate(() => scrollTo(0, 0));
      await clickForResult(page, 'submit');
      placed = await summaryPlacement(page);
      expect(placed.text).toMatch(/^pass\s*Solved: /);
      expect(placed.focused).toBe('result-summary');
      await expectSummaryInView(page);
      expect(placed.buttonsInView).toBe(true); // a result longer than the screen is shown from the buttons down
      await page.screenshot({ path: join(SHOTS, `exercise-after-submit-${name}.png`) });
      expect(await seriousViolations(page)).toEqual([]);

      // Ctrl+Enter inside the editor: the result comes into view and is announced, the editor keeps focus.
      await page.getByTestId('editor').locator('.view-lines').click();
      const panel = page.getByTestId('results-panel');
      const before = await panel.getAttribute('data-updates');
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect.poll(() => panel.getAttribute('data-updates'), { timeout: 90_000 }).not.toBe(before);
      placed = await summaryPlacement(page);
      expect(placed.text).toMatch(/^pass\s*All \d+ visible tests pass\./);
      await expectSummaryInView(page);
      expect(await page.evaluate(() => document.querySelector('[data-testid="editor"]')?.contains(document.activeElement))).toBe(true);
      await context.close();
    });
  }
});
