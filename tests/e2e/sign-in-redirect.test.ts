// Open-redirect defence in real Chromium: after a real sign-in, whatever `next` says, the browser ends on
// the platform's origin. Every request to another origin is recorded (a followed redirect shows up as a
// request, though route() does not see it); Chromium resolves no host name but localhost, so nothing
// leaves the machine even if a redirect escapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const EMAIL = 'redirect@example.com';
const PASSWORD = 'browser-password-1';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'])]);
  await server.client().signUp(EMAIL, 'Redirect Tester', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh browser whose requests to any other origin are recorded (and aborted where route() sees them). */
async function guardedPage(): Promise<{ context: BrowserContext; page: Page; offsite: string[] }> {
  const context = await browser.newContext();
  const offsite: string[] = [];
  const onOrigin = (url: string) => url.startsWith(`${server.origin}/`);
  await context.route('**/*', (route) => (onOrigin(route.request().url()) ? route.continue() : route.abort()));
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!onOrigin(request.url())) offsite.push(request.url());
  });
  return { context, page, offsite };
}

async function signInAndSettle(page: Page): Promise<void> {
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).not.toMatch(/\/login(\?|$)/);
  await page.waitForLoadState('load');
}

describe('sign-in redirect in the browser', () => {
  it.each([
    ['tab between slashes (the reported one)', '%2F%09%2Fevil.example'],
    ['newline between slashes', '%2F%0A%2Fevil.example'],
    ['slash backslash', '%2F%5Cevil.example'],
    ['two backslashes', '%5C%5Cevil.example'],
    ['protocol-relative', '%2F%2Fevil.example'],
    ['encoded slash', '%2F%252F%2Fevil.example'],
    ['dot segments', '%2F.%2F%2Fevil.example'],
    ['absolute URL', 'https%3A%2F%2Fevil.example%2F'],
    ['javascript:', 'javascript%3Aalert(document.domain)'],
  ])('next with %s: the browser ends on the platform', async (_label, rawNext) => {
    const { context, page, offsite } = await guardedPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const res = await page.goto(`${server.origin}/login?next=${rawNext}`);
    expect(res?.status()).toBe(200);
    await signInAndSettle(page);
    const landed = new URL(page.url());
    expect(landed.origin).toBe(server.origin);
    expect(landed.pathname).toBe('/me');
    expect(offsite).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('a tampered hidden next field is refused by the server too', async () => {
    const { context, page, offsite } = await guardedPage();
    await page.goto(`${server.origin}/login`);
    await page.locator('input[name="next"]').evaluate((input) => ((input as HTMLInputElement).value = '/\t/evil.example'));
    await signInAndSettle(page);
    expect(new URL(page.url()).origin).toBe(server.origin);
    expect(new URL(page.url()).pathname).toBe('/me');
    expect(offsite).toEqual([]);
    await context.close();
  });

  it('a same-origin next is honoured', async () => {
    const { context, page, offsite } = await guardedPage();
    await page.goto(`${server.origin}/login?next=${encodeURIComponent('/programs/clean-timestamp?from=login')}`);
    await signInAndSettle(page);
    const landed = new URL(page.url());
    expect([landed.origin, landed.pathname, landed.search]).toEqual([server.origin, '/programs/clean-timestamp', '?from=login']);
    expect(offsite).toEqual([]);
    await context.close();
  });
});
