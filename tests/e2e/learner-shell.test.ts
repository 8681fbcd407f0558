// A new learner signs up, opens a lesson, marks it done and sees the progress, in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signUpInBrowser } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('learner shell in the browser', () => {
  it('signs up, reads a lesson, marks it done and sees progress', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.origin, 'shell@example.com');
    await page.getByRole('link', { name: 'Clean Timestamp System Mastery' }).first().click();
    await expect.poll(() => page.getByTestId('program-progress').textContent()).toMatch(/^0 of \d+ lessons done/);
    await page.getByRole('link', { name: 'Start the first lesson' }).click();
    await expect.poll(async () => (await page.getByTestId('lesson-content').textContent())?.length ?? 0).toBeGreaterThan(500);
    await page.getByTestId('mark-done').click();
    await expect.poll(() => page.getByTestId('lesson-done').isVisible()).toBe(true);
    await page.goto(`${server.origin}/programs/clean-timestamp`);
    expect(await page.getByTestId('program-progress').textContent()).toMatch(/^1 of \d+ lessons done/);
    await page.goto(`${server.origin}/me`);
    expect(await page.getByTestId('me-progress').first().textContent()).toMatch(/^1 of \d+ lessons/);
    await page.close();
  });

  it('renders lessons without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`${server.origin}/programs/clean-timestamp/welcome`);
    expect(res?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
    expect(await page.getByRole('navigation', { name: 'Lesson navigation' }).getByRole('link').count()).toBeGreaterThan(0);
    await context.close();
  });
});
