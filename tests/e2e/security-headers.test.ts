// The Content-Security-Policy and the other security headers, in real Chromium against the built
// server: every page a learner and an instructor use works under the policy with no violation
// reported (the Monaco editor included, which injects its styles and starts workers), inline scripts
// that the build did not produce are blocked, and no site can frame the platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** Records every CSP violation the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__reportViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe('security headers', () => {
  it('serves every page under a strict script policy with no violation, the editor included', { timeout: 180_000 }, async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await signUpInBrowser(page, server.origin, 'csp@example.com');
    for (const path of ['/', '/programs', '/programs/clean-timestamp', '/programs/clean-timestamp/base-timestamp-entity', '/me', '/certifications/clean-timestamp', '/verify']) {
      const res = await page.goto(`${server.origin}${path}`);
      expect(res?.status(), path).toBe(200);
      const csp = (await res?.headerValue('content-security-policy')) ?? '';
      expect(csp, path).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(await res?.headerValue('x-content-type-options'), path).toBe('nosniff');
    }
    // the lesson's interactive check still works (its script runs under the policy)
    await page.goto(`${server.origin}/programs/clean-timestamp/base-timestamp-entity`);
    await page.waitForLoadState('networkidle');

    // the exercise workspace: Monaco loads (workers, injected styles) and grading works
    await page.goto(`${server.origin}/exercises/s1-project-entity`);
    await page.getByTestId('editor').locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('submit').isEnabled()).toBe(true);
    await page.getByTestId('editor').locator('.view-lines').click();
    await page.keyboard.type('// typed under the policy\n');
    // Monaco renders spaces as no-break spaces
    await expect.poll(async () => ((await page.getByTestId('editor').locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ')).toContain('typed under the policy');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('blocks an inline script the build did not produce', async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${server.origin}/programs`);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.body.append(s);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await page.close();
  });

  it('cannot be framed by another site', async () => {
    const page = await browser.newPage();
    await page.setContent(`<iframe id="f" src="${server.origin}/programs"></iframe>`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // the framed document is blocked: no Practicum content is rendered inside the frame
    await page.waitForTimeout(1000);
    const text = await frame?.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(text ?? '').not.toContain('Clean Timestamp');
    await page.close();
  });
});
