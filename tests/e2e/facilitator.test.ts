// An instructor runs a session from the facilitator view in real Chromium: from the cohort page to the
// session's agenda (blocks with durations, clock times and the total), saves the room's start time so
// the block running now is marked, and watches a learner's pass of an exercise (graded through the real
// submission path and sandboxed grader) appear in the open page's count without reloading it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const EXERCISE = 's1-legacy-refactor';
const PASSWORD = 'staff-password-1';
let server: RunningServer;
let browser: Browser;
let cohort: { id: string; joinCode: string };
let learner: HttpClient;

function filesUnder(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(full, base));
    else out[full.slice(base.length + 1)] = readFileSync(full, 'utf8');
  }
  return out;
}

/** Today in this machine's time zone (the browser's too: it runs here), as YYYY-MM-DD. */
function localDate(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ AUTH_SIGNUP_LIMIT: '50' }), launchBrowser()]);
  const made = server.script('scripts/user-create.ts', ['--email', 'teach@example.com', '--name', 'Tess Teacher', '--role', 'instructor'], `${PASSWORD}\n`);
  expect(made.status, made.stderr).toBe(0);
  const instructor = server.client();
  await instructor.logIn('teach@example.com', PASSWORD);
  // Session 1 is today.
  const created = await instructor.post('/api/cohorts', { name: 'Live cohort', program: 'clean-timestamp', sessionDates: [localDate(), localDate(2), localDate(4)] });
  expect(created.status).toBe(201);
  cohort = ((await created.json()) as { cohort: typeof cohort }).cohort;
  for (const [i, name] of ['Lin Learner', 'Sam Second'].entries()) {
    const client = server.client();
    const res = await client.post('/api/auth/signup', { email: `learner${i}@example.com`, password: 'learner-password-1', name, cohortCode: cohort.joinCode });
    expect(res.status).toBe(201);
    if (i === 0) learner = client;
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.origin}/login`);
  await page.getByLabel('Email').fill('teach@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

describe('the facilitator view during a session', () => {
  it('shows the agenda on the clock, marks the block running now, and counts a pass live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    await page.goto(`${server.origin}/cohorts/${cohort.id}`);
    await page.getByTestId('facilitate-link').first().click();
    await page.waitForURL(`${server.origin}/cohorts/${cohort.id}/sessions/1`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Session 1: Foundations and Architecture');

    // The training plan's session 1: seven blocks, a break among them, three hours in all.
    const blocks = page.getByTestId('agenda-block');
    expect(await blocks.locator('h3').evaluateAll((hs) => hs.map((h) => h.childNodes[0]?.textContent?.trim()))).toEqual([
      'Opening',
      'Clean Architecture Principles',
      'BaseTimestampEntity Deep Dive',
      'Break',
      'Domain Events System',
      'Testing Fundamentals',
      'Wrap-up and Q&A',
    ]);
    expect(await page.getByTestId('block-duration').allTextContents()).toEqual(['15 min', '30 min', '45 min', '15 min', '30 min', '25 min', '20 min']);
    expect(await page.getByTestId('session-total').textContent()).toBe('3 h');
    expect(await page.getByTestId('agenda-total').textContent()).toContain('3 h in all, breaks included');

    // The session started 20 minutes ago by this computer's clock: the first module is running.
    const now = await page.evaluate(() => new Date().getHours() * 60 + new Date().getMinutes());
    const start = Math.max(0, now - 20);
    const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    await page.getByLabel('Session starts at').fill(hhmm(start));
    await page.getByRole('button', { name: 'Save start time' }).click();
    await page.getByTestId('start-notice').waitFor();
    expect(await page.getByTestId('block-clock').allTextContents()).toEqual(
      [0, 15, 45, 90, 105, 135, 160].map((from, i) => `${hhmm(start + from)}–${hhmm(start + ([15, 45, 90, 105, 135, 160, 180][i] ?? 0))}`),
    );
    const starts = [0, 15, 45, 90, 105, 135, 160];
    const running = starts.filter((from) => from <= now - start).length - 1;
    const marks = starts.map((_, i) => (i === running ? 'time' : null));
    await expect.poll(() => blocks.evaluateAll((els) => els.map((el) => el.getAttribute('aria-current')))).toEqual(marks);
    expect(await blocks.nth(running).locator('[data-now]').isVisible()).toBe(true);

    // The exercise's count before: nobody has passed it.
    const row = page.locator(`[data-exercise="${EXERCISE}"]`);
    expect(await row.getByTestId('passed-count').textContent()).toBe('0');
    expect(await row.textContent()).toContain('of 2');
    await page.getByTestId('live-status').filter({ hasText: 'Live: counts as of' }).waitFor();
    // A marker on the window: it survives only if the page is never reloaded.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    // The learner passes through the real submission path (graded by the sandboxed grader).
    const res = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: filesUnder(join(ROOT, 'solutions', EXERCISE)) });
    expect(((await res.json()) as { status: string }).status).toBe('pass');

    // Within one polling interval (10 s) the open page shows it.
    await page.waitForFunction((id) => document.querySelector(`[data-exercise="${id}"] [data-testid="passed-count"]`)?.textContent === '1', EXERCISE, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    expect(await row.locator('[data-count="started"]').textContent()).toBe('1');
    await page.close();
  });
});
