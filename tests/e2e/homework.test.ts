// A homework round and the end-of-program feedback in real Chromium against the built server. The
// learner opens the session 1 homework with their converted entity, tests and notes in the editor
// and submits it (graded by the sandboxed grader: the hidden checks and their own tests), after the
// due date; their instructor finds it from the cohort page, reads the files, asks for another pass
// with feedback; the learner reads the feedback on the exercise page. Then the learner answers the
// program feedback form (open: the cohort's last session has passed), and the instructor's dashboard
// shows the answer and the KPI "rated Excellent or Very good" against its 90 % target.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { NO_WEBCONTAINER_HOST } from '../../scripts/bench/first-run.ts';

const PROGRAM = 'clean-timestamp';
const HOMEWORK = 's1-homework-entity';
const FEEDBACK = 'Nearly there: the refused correction is tested, but nothing pins updatedAt. Add that assertion and resubmit.';

let server: RunningServer;
let browser: Browser;
let instructor: HttpClient;
let learner: HttpClient;
let cohortId = '';

function solutionFiles(): Record<string, string> {
  const dir = join(ROOT, 'solutions', HOMEWORK);
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

async function contextOf(client: HttpClient): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
  return context;
}

beforeAll(async () => {
  // The in-browser runner cannot start here; Run tests and Submit go to the server.
  [server, browser] = await Promise.all([startServer(), launchBrowser([NO_WEBCONTAINER_HOST])]);
  const made = server.script('scripts/user-create.ts', ['--email', 'coach@example.com', '--name', 'Cora Coach', '--role', 'instructor'], 'coach-password-1\n');
  if (made.status !== 0) throw new Error(made.stderr);
  instructor = server.client();
  await instructor.logIn('coach@example.com', 'coach-password-1');
  // Sessions in the past: the homework (due before session 2) comes in late, the program form is open.
  const created = (await (await instructor.post('/api/cohorts', { name: 'Winter cohort', program: PROGRAM, sessionDates: ['2026-01-05', '2026-01-08', '2026-01-12'] })).json()) as {
    cohort: { id: string; joinCode: string };
  };
  cohortId = created.cohort.id;
  learner = server.client();
  const signedUp = await learner.post('/api/auth/signup', { email: 'hana@example.com', password: 'correct-horse-battery', name: 'Hana Homework', cohortCode: created.cohort.joinCode });
  if (signedUp.status !== 201) throw new Error(await signedUp.text());
  // The learner's converted entity, tests and notes, saved as their draft: the editor opens with them.
  const draft = await learner.put(`/api/exercises/${HOMEWORK}/draft`, { files: solutionFiles() });
  if (draft.status !== 200) throw new Error(await draft.text());
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a homework round', () => {
  it('the learner submits the homework from the editor and sees it handed in, late, waiting for review', async () => {
    const context = await contextOf(learner);
    const page = await context.newPage();
    await page.goto(`${server.origin}/exercises/${HOMEWORK}`);
    expect(await page.getByTestId('homework-due').textContent()).toBe('8 Jan 2026');
    expect(await page.getByTestId('homework-status').getAttribute('data-state')).toBe('not-submitted');
    await page.getByTestId('editor').locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('submit').isEnabled()).toBe(true);
    // No solution to show for homework.
    expect(await page.locator('#ws-solution').count()).toBe(0);
    await page.getByTestId('submit').click();
    await page.getByTestId('result-status').filter({ hasText: /^(pass|fail|error)$/ }).waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('result-status').textContent()).toBe('pass');
    const results = (await page.getByTestId('results-panel').textContent()) ?? '';
    expect(results).toContain('your own tests: at least 3, every one passing');
    expect(results).toContain('your test: Invoice > refuses a negative amount and keeps the invoice as it was');
    await page.reload();
    expect(await page.getByTestId('homework-status').getAttribute('data-state')).toBe('late');
    expect(await page.getByTestId('homework-review-state').getAttribute('data-state')).toBe('not-reviewed');
    await context.close();
  }, 180_000);

  it('the instructor finds it from the cohort page, reads the files and asks for another pass', async () => {
    const context = await contextOf(instructor);
    const page = await context.newPage();
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    expect(await page.getByTestId('homework-to-review-count').textContent()).toBe('1');
    await page.getByTestId('cohort-homework-link').click();
    await page.waitForURL(`${server.origin}/cohorts/${cohortId}/homework?exercise=${HOMEWORK}`);
    const row = page.getByTestId('homework-row');
    expect(await row.getAttribute('data-hand-in')).toBe('late');
    expect(await row.locator('td').first().textContent()).toContain('Hana Homework');
    await row.getByTestId('homework-review-link').click();
    await page.waitForURL(/\/homework\/s1-homework-entity\/[^/?]+$/);
    expect(await page.getByTestId('homework-learner').textContent()).toBe('Hana Homework');
    expect(await page.getByTestId('submission-late').count()).toBe(1);
    expect(await page.getByTestId('homework-file').evaluateAll((els) => els.map((el) => el.getAttribute('data-path')))).toEqual(['src/entity.ts', 'tests/entity.test.ts', 'NOTES.md']);
    expect(await page.locator('[data-testid="homework-file"][data-path="NOTES.md"]').textContent()).toContain('I converted the billing service');

    // Saving without feedback is refused by the browser's form rules; a verdict and feedback save it.
    const form = page.getByTestId('homework-review-form');
    await form.getByLabel('Needs another pass').check();
    await form.locator('textarea[name="feedback"]').fill(FEEDBACK);
    await page.getByTestId('homework-review-submit').click();
    await page.getByTestId('homework-notice').waitFor();
    const entry = page.getByTestId('homework-review-entry');
    expect(await entry.getAttribute('data-verdict')).toBe('needs-work');
    expect(await entry.textContent()).toContain(FEEDBACK);
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    expect(await page.getByTestId('homework-to-review-count').textContent()).toBe('0');
    await context.close();
  }, 120_000);

  it('the learner reads the feedback on the exercise page', async () => {
    const context = await contextOf(learner);
    const page = await context.newPage();
    await page.goto(`${server.origin}/exercises/${HOMEWORK}`);
    expect(await page.getByTestId('homework-review-state').getAttribute('data-state')).toBe('needs-work');
    const review = page.getByTestId('homework-review');
    expect(await review.count()).toBe(1);
    expect(await review.getAttribute('data-verdict')).toBe('needs-work');
    expect(await review.getByTestId('homework-feedback').textContent()).toBe(FEEDBACK);
    expect(await review.textContent()).toContain('Cora Coach');
    await context.close();
  }, 60_000);
});

describe('the program feedback form', () => {
  it('the learner answers it beside the session forms; the instructor sees it on the dashboard with the KPI', async () => {
    const context = await contextOf(learner);
    const page = await context.newPage();
    await page.goto(`${server.origin}/programs/${PROGRAM}/feedback`);
    await page.getByTestId('program-feedback-link').click();
    await page.waitForURL(`${server.origin}/programs/${PROGRAM}/feedback/program`);
    const form = page.getByTestId('program-feedback-form');
    for (const [id, value] of [['objectives', '5'], ['applicability', '4'], ['confidence', '4'], ['recommend', '5']] as const) {
      await form.locator(`input[name="rating:${id}"][value="${value}"]`).check();
    }
    await form.getByLabel('Most valuable aspects').fill('Converting an entity of our own and having it reviewed.');
    await form.getByLabel('Suggested improvements').fill('More time for the batch exercises.');
    await page.getByTestId('program-feedback-submit').click();
    await page.getByTestId('program-feedback-saved').waitFor();
    expect(await form.locator('input[name="rating:recommend"][value="5"]').isChecked()).toBe(true);
    await page.goto(`${server.origin}/programs/${PROGRAM}/feedback`);
    expect(await page.getByTestId('program-feedback-card').textContent()).toContain('submitted');
    await context.close();

    const staff = await contextOf(instructor);
    const dashboard = await staff.newPage();
    await dashboard.goto(`${server.origin}/cohorts/${cohortId}`);
    const summary = dashboard.getByTestId('program-feedback-summary');
    expect(await summary.getByTestId('program-feedback-responses').textContent()).toBe('1');
    expect(await summary.getByTestId('program-feedback-rate').textContent()).toBe('100 %');
    expect(await summary.getByTestId('program-feedback-kpi-value').textContent()).toBe('100 %');
    expect(await summary.getByTestId('program-feedback-kpi').textContent()).toContain('target 90 % · met');
    expect(await summary.locator('tr[data-rating="applicability"] .avg').textContent()).toBe('4.0 / 5');
    await summary.locator('details[data-question="improvements"] summary').click();
    expect(await summary.locator('details[data-question="improvements"]').textContent()).toContain('More time for the batch exercises.');
    const kpi = dashboard.getByTestId('kpi-card').filter({ hasText: 'Rated Excellent or Very good' });
    expect(await kpi.textContent()).toContain('100 %');
    expect(await kpi.textContent()).toContain('target 90 % · met');
    await staff.close();
  }, 120_000);
});
