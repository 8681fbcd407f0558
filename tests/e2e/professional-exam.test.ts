// The Professional level in real Chromium: a learner who has held Associate for a month and passed the
// session 3 exercises is told to wait for the six-month holding period; their instructor waives it for
// the cohort on the cohort page; the learner starts the timed advanced practical exam (four tasks, no
// quiz), has three of the tasks graded by the real sandboxed grader, submits with the fourth
// outstanding, passes (three of four is the rule), and sees Professional held on /me.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { issueCertificateFor } from '../helpers/db.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const PROGRAM = 'clean-timestamp';
const DAY = 86_400_000;

function solutionFiles(exerciseId: string): Record<string, string> {
  const base = join(ROOT, 'solutions', exerciseId);
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[full.slice(base.length + 1)] = readFileSync(full, 'utf8');
    }
  };
  walk(base);
  return out;
}

interface Level {
  id: string;
  prerequisites: { exercises: string[] };
}
const certification = JSON.parse(readFileSync(join(ROOT, 'assessments', PROGRAM, 'certification.json'), 'utf8')) as { levels: Level[] };
const professional = certification.levels.find((l) => l.id === 'professional');

let server: RunningServer;
let browser: Browser;
let learner: HttpClient;
let instructor: HttpClient;
let cohortId = '';

async function gradeOrFail(client: HttpClient, path: string, exerciseId: string): Promise<void> {
  const res = await client.post(path, { files: solutionFiles(exerciseId) });
  const body = (await res.json()) as { status?: string };
  if (res.status !== 200 || body.status !== 'pass') throw new Error(`${exerciseId}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
}

async function contextOf(client: HttpClient): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
  return context;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const made = server.script('scripts/user-create.ts', ['--email', 'coach@example.com', '--name', 'Coach Carter', '--role', 'instructor'], 'coach-password-1\n');
  if (made.status !== 0) throw new Error(made.stderr);
  instructor = server.client();
  await instructor.logIn('coach@example.com', 'coach-password-1');
  const created = (await (await instructor.post('/api/cohorts', { name: 'Advanced cohort', program: PROGRAM, sessionDates: ['2026-01-05', '2026-01-08', '2026-01-12'] })).json()) as {
    cohort: { id: string; joinCode: string };
  };
  cohortId = created.cohort.id;
  learner = server.client();
  const signedUp = await learner.post('/api/auth/signup', { email: 'pro@example.com', password: 'correct-horse-battery', name: 'Priya Pro', cohortCode: created.cohort.joinCode });
  if (signedUp.status !== 201) throw new Error(await signedUp.text());
  // Associate earned a month ago; the session 3 exercises passed with the reference solutions.
  await issueCertificateFor(server.dataDir, 'pro@example.com', { level: 'associate', issuedAt: Date.now() - 30 * DAY, expiresAt: Date.now() + 335 * DAY });
  for (const id of professional?.prerequisites.exercises ?? []) await gradeOrFail(learner, `/api/exercises/${id}/submissions`, id);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Professional exam end to end', () => {
  it('waits for the holding period until the instructor waives it for the cohort on the cohort page', async () => {
    const learnerContext = await contextOf(learner);
    const page = await learnerContext.newPage();
    await page.goto(`${server.origin}/certifications/${PROGRAM}`);
    const section = page.locator('[data-testid="certification-level"][data-level="professional"]');
    expect(await section.getByTestId('start-blockers').textContent()).toMatch(/Hold “Certified Clean Timestamp Associate” for 6 months first \(until \d{1,2} [A-Z][a-z]{2,4} \d{4}\)\./);
    expect(await section.getByTestId('start-attempt').count()).toBe(0);

    const staff = await contextOf(instructor);
    const cohortPage = await staff.newPage();
    await cohortPage.goto(`${server.origin}/cohorts/${cohortId}`);
    const waiver = cohortPage.locator('[data-testid="waiver"][data-level="professional"]');
    expect(await waiver.getAttribute('data-waived')).toBe('false');
    await waiver.getByTestId('waiver-toggle').click();
    await cohortPage.getByTestId('waiver-notice').waitFor();
    expect(await cohortPage.getByTestId('waiver-notice').textContent()).toBe(
      'Waived: the 6-month wait with "Certified Clean Timestamp Associate" before "Certified Clean Timestamp Professional" for this cohort.',
    );
    expect(await cohortPage.locator('[data-testid="waiver"][data-level="professional"]').getAttribute('data-waived')).toBe('true');
    await staff.close();

    await page.reload();
    expect(await section.getByTestId('start-blockers').count()).toBe(0);
    expect(await section.getByTestId('start-attempt').textContent()).toContain('Start the Certified Clean Timestamp Professional exam');
    await learnerContext.close();
  });

  it('takes the timed advanced exam: three of four tasks graded by the real grader pass it, and /me shows Professional held', async () => {
    const context = await contextOf(learner);
    const page = await context.newPage();
    await page.goto(`${server.origin}/certifications/${PROGRAM}`);
    await page.locator('[data-testid="start-attempt"][data-level="professional"]').click();
    await page.waitForURL(/\/attempts\/[^/]+$/);
    const attemptId = page.url().split('/').pop() ?? '';
    expect(await page.locator('h1').textContent()).toBe('Certification attempt · Certified Clean Timestamp Professional');
    expect(await page.getByTestId('quiz-question').count()).toBe(0);
    expect(await page.locator('#quiz-timer').textContent()).toMatch(/^(180|179) min$|^[23]:\d\d:\d\d$/);
    const tasks = await page.getByTestId('attempt-task').evaluateAll((els) => els.map((el) => [el.getAttribute('data-exercise') ?? '', el.getAttribute('data-name') ?? '']));
    expect(tasks.map(([id]) => id).sort()).toEqual(['cert-pro-audit-trail', 'cert-pro-catalogue-import', 'cert-pro-cluster-clock', 'cert-pro-tenant-documents']);

    // Three tasks with the reference solutions through the real sandboxed grader; the fourth is left.
    const [skipped, ...graded] = tasks;
    for (const [exerciseId] of graded) await gradeOrFail(learner, `/api/certifications/attempts/${attemptId}/tasks/${exerciseId}`, exerciseId ?? '');
    await page.reload();
    expect((await page.getByTestId('task-status').allTextContents()).filter((s) => /^pass/.test(s))).toHaveLength(3);

    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('submit-dialog').waitFor({ state: 'visible' });
    expect(await page.getByTestId('submit-dialog-summary').textContent()).toBe('You have 1 task not submitted: it scores 0 if you submit now.');
    expect(await page.getByTestId('outstanding-tasks').locator('li').allTextContents()).toEqual([skipped?.[1]]);
    await page.getByTestId('submit-confirm').click();
    const outcome = page.getByTestId('attempt-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-passed')).toBe('true');
    expect(await outcome.textContent()).toContain('You earned Certified Clean Timestamp Professional.');
    const rows = await page.getByTestId('component-results').locator('tbody tr').allTextContents();
    expect(rows.filter((r) => r.includes('below pass mark'))).toHaveLength(1);

    await page.goto(`${server.origin}/me`);
    const ladder = page.getByTestId('ladder');
    expect(await ladder.getByTestId('ladder-level').evaluateAll((els) => els.map((el) => [el.getAttribute('data-level'), el.getAttribute('data-state')]))).toEqual([
      ['associate', 'held'],
      ['professional', 'held'],
      ['expert', 'not-held'],
    ]);
    expect(await ladder.getByTestId('ladder-next').textContent()).toMatch(/Earn “Certified Clean Timestamp Expert”: submit its case study\./);
    const levels = await page.getByTestId('certificate-level').allTextContents();
    expect(levels).toContain('Certified Clean Timestamp Professional');
    await context.close();
  });
});
