// Deleting an account in real Chromium, by keyboard and mouse as a person would: from /me to the
// account page, choosing to keep the certificate publicly verifiable, a wrong password first (a clear
// refusal, nothing deleted), then the right one; afterwards the browser is signed out, signing in
// again fails, and the certificate's verification page says "issued to a deleted account" without
// the name. The LinkedIn link on /me is checked on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { issueCertificateFor } from '../helpers/db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const EMAIL = 'leaving@example.com';
const NAME = 'Lea Leaving';
const PASSWORD = 'browser-password-1';

let server: RunningServer;
let browser: Browser;
let certId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await server.client().signUp(EMAIL, NAME, PASSWORD);
  certId = await issueCertificateFor(server.dataDir, EMAIL);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('account deletion in the browser', () => {
  it('deletes the account keeping the certificate public; the holder cannot sign in and the certificate names no one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}/login`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.origin}/me`);

    const linkedIn = new URL((await page.getByTestId('certificate-linkedin').getAttribute('href')) ?? '');
    expect(linkedIn.searchParams.get('startTask')).toBe('CERTIFICATION_NAME');
    expect(linkedIn.searchParams.get('certUrl')).toBe(`${server.origin}/verify/${certId}`);

    await page.getByTestId('account-settings').click();
    await page.waitForURL(`${server.origin}/me/account`);
    await page.getByRole('radio', { name: /Keep it publicly verifiable/ }).check();
    await page.getByLabel('Your password').fill('not-my-password');
    await page.getByRole('checkbox', { name: /deleted for good/ }).check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect.poll(() => page.getByTestId('delete-error').textContent()).toBe('That is not your password. Your account was not deleted.');
    // The choice survives the refusal; the password field is marked as the one to fix, and empty.
    expect(await page.getByRole('radio', { name: /Keep it publicly verifiable/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Your password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Your password').inputValue()).toBe('');

    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /deleted for good/ }).check();
    // By keyboard: focus the button and press Enter.
    await page.getByRole('button', { name: 'Delete my account' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.origin}/account-deleted?certificates=keep-public`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your account was deleted');
    expect(await page.getByTestId('deleted-certificates').textContent()).toContain('stay publicly verifiable');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    // Signed out here, and the account cannot be signed in to again.
    await page.goto(`${server.origin}/me`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Email or password is incorrect.');

    await page.goto(`${server.origin}/verify/${certId}`);
    expect(await page.getByTestId('verify-status').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('verify-holder').textContent()).toContain('issued to a deleted account');
    expect(await page.content()).not.toContain(NAME);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toContain('issued to a deleted account');
    // The share card decodes in a real browser at the size the tags announce.
    const image = (await page.locator('meta[property="og:image"]').getAttribute('content')) ?? '';
    const announced = [await page.locator('meta[property="og:image:width"]').getAttribute('content'), await page.locator('meta[property="og:image:height"]').getAttribute('content')];
    await page.goto(image);
    expect(await page.evaluate(() => [document.images[0]?.naturalWidth, document.images[0]?.naturalHeight].map(String))).toEqual(announced);
    await context.close();
  });
});
