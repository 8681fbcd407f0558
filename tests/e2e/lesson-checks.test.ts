// A signed-in learner answers an inline lesson check, reloads the page and finds the same option
// chosen with its feedback and the explanation open; an anonymous reader gets a fresh question.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseLessonChecks, type LessonCheck } from '../../src/server/content/lesson-checks.ts';
import { launchBrowser, signUpInBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const LESSON_PATH = '/programs/clean-timestamp/welcome';
const check = parseLessonChecks(readFileSync(join(ROOT, 'content/programs/clean-timestamp/lessons/welcome.mdx'), 'utf8')).checks[0] as LessonCheck;
const wrong = check.options.findIndex((_, i) => i !== check.answer);

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const form = (page: Page) => page.locator(`form[data-check="${check.id}"]`);
const option = (page: Page, i: number) => form(page).getByRole('radio', { name: check.options[i] as string });

async function answerWrong(page: Page): Promise<void> {
  await option(page, wrong).check();
  await form(page).getByRole('button', { name: 'Check answer' }).click();
  await expect.poll(() => form(page).locator('[data-feedback]').textContent()).toBe('Not quite — read the explanation below.');
}

describe('inline lesson checks in the browser', () => {
  it('show a signed-in learner their answer again after a reload', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.origin, 'checks-e2e@example.com');
    await page.goto(server.origin + LESSON_PATH);
    const saved = page.waitForResponse((res) => res.url().endsWith('/api/progress/checks') && res.request().method() === 'POST');
    await answerWrong(page);
    expect((await saved).status()).toBe(200);

    await page.reload();
    expect(await option(page, wrong).isChecked()).toBe(true);
    expect(await option(page, check.answer).isChecked()).toBe(false);
    expect(await form(page).locator('[data-feedback]').textContent()).toBe('Not quite — read the explanation below.');
    expect(await form(page).locator('details[data-explanation]').getAttribute('open')).not.toBeNull();

    // a new answer replaces the old one
    await option(page, check.answer).check();
    const resaved = page.waitForResponse((res) => res.url().endsWith('/api/progress/checks'));
    await form(page).getByRole('button', { name: 'Check answer' }).click();
    expect((await resaved).status()).toBe(200);
    await page.reload();
    expect(await option(page, check.answer).isChecked()).toBe(true);
    expect(await form(page).locator('[data-feedback]').textContent()).toBe('Correct.');
    await page.close();
  });

  it('keep an anonymous reader to the page: the answer is checked but not kept', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST') posts.push(req.url());
    });
    await page.goto(server.origin + LESSON_PATH);
    await answerWrong(page);
    await page.reload();
    expect(await option(page, wrong).isChecked()).toBe(false);
    expect(await form(page).locator('[data-feedback]').textContent()).toBe('');
    expect(posts).toEqual([]);
    await context.close();
  });
});
