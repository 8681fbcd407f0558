// Debian's Chromium driven by playwright-core (no browser downloads). Without Chromium the e2e tests fail
// loudly rather than skip: under CI=true they must run.
import { chromium, type Browser, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';

function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error('Chromium is not installed: run `apt-get install -y chromium` (the e2e tests need the system browser).');
}

/** `extraArgs` adds Chromium switches, e.g. host-resolver rules that keep any other host name from being looked up. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      ...extraArgs,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Fills the sign-up form like a person would and lands on the catalogue. */
export async function signUpInBrowser(page: Page, origin: string, email: string, name = 'E2E Learner'): Promise<void> {
  await page.goto(`${origin}/signup`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('browser-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${origin}/programs`);
}
