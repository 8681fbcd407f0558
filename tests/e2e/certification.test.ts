// The whole certification in real Chromium: a learner who has done the session exercises starts an
// attempt, is asked before an accidental submit (a dialog listing what is outstanding; keeping on
// working leaves the attempt open), answers the theory quiz, has the practical tasks graded by the
// real sandboxed grader, sees a task page's countdown and submissions left, submits, passes (the
// ladder's first level, Associate), sees the ladder on /me with the next step and what is missing,
// downloads the PDF certificate and opens its public verification page.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { solutionOf, variantOfTask } from '../helpers/task-variants.ts';

interface BankQuestion {
  id: string;
  options: { id: string; correct?: boolean }[];
}
interface Certification {
  levels: { id: string; name: string; validityMonths: number; prerequisites: { exercises: string[] } }[];
}

const questionsDir = join(ROOT, 'assessments/clean-timestamp/questions');
const bank = new Map(
  readdirSync(questionsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(questionsDir, f), 'utf8')) as BankQuestion)
    .map((q) => [q.id, q]),
);
const certification = JSON.parse(readFileSync(join(ROOT, 'assessments/clean-timestamp/certification.json'), 'utf8')) as Certification;

let server: RunningServer;
let browser: Browser;
let learner: HttpClient;
let attemptId = '';

async function gradeOrFail(path: string, exerciseId: string, files: Record<string, string> = solutionOf(exerciseId, null)): Promise<void> {
  const res = await learner.post(path, { files });
  const body = (await res.json()) as { status?: string; message?: string };
  if (res.status !== 200 || body.status !== 'pass') throw new Error(`${exerciseId}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  learner = server.client();
  await learner.signUp('certified@example.com', 'Иван Zoë Ålander');
  for (const id of certification.levels[0]?.prerequisites.exercises ?? []) await gradeOrFail(`/api/exercises/${id}/submissions`, id);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('certification end to end', () => {
  it('asks before submitting an attempt, lists what is outstanding, and keeping on working leaves it open', async () => {
    const context = await browser.newContext();
    await context.addCookies([...learner.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
    const page = await context.newPage();
    const nativeDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      nativeDialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`${server.origin}/certifications/clean-timestamp`);
    await page.getByTestId('start-attempt').click();
    await page.waitForURL(/\/attempts\/[^/]+$/);
    attemptId = page.url().split('/').pop() ?? '';
    const questionCount = await page.getByTestId('quiz-question').count();
    const taskNames = await page.getByTestId('attempt-task').evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
    expect(taskNames.length).toBe(4);
    const first = page.getByTestId('quiz-question').nth(0);
    const firstQuestion = bank.get((await first.getAttribute('data-question')) ?? '');
    for (const option of firstQuestion?.options.filter((o) => o.correct) ?? []) await first.locator(`input[value="${option.id}"]`).check();

    const dialog = page.getByTestId('submit-dialog');
    await page.getByTestId('quiz-submit').click();
    await dialog.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('submit-cancel');
    expect(await page.getByTestId('outstanding-questions').locator('li').allTextContents()).toEqual(
      Array.from({ length: questionCount - 1 }, (_, i) => `Question ${i + 2}`),
    );
    expect(await page.getByTestId('outstanding-tasks').locator('li').allTextContents()).toEqual(taskNames);
    expect(await page.getByTestId('submit-dialog-summary').textContent()).toBe(
      `You have ${questionCount - 1} questions unanswered and 4 tasks not submitted: they score 0 if you submit now.`,
    );

    // Escape keeps working and gives focus back to the button that opened the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('quiz-submit');

    // Enter on the focused default ("Keep working") does not submit either.
    await page.getByTestId('quiz-submit').press('Enter');
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    // An unanswered question in the list leads back to it.
    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('outstanding-questions').getByRole('button', { name: 'Question 3' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The dialog's close event (which moves focus) is dispatched in a task after the dialog hides: wait for it.
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="quiz-question"]') != null, null, { timeout: 5_000 });
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="quiz-question"]')?.getAttribute('data-index'))).toBe('2');

    await page.reload();
    expect(await page.getByTestId('attempt-outcome').count()).toBe(0);
    const state = (await (await learner.get(`/api/certifications/attempts/${attemptId}`)).json()) as { status: string };
    expect(state.status).toBe('open');
    expect(nativeDialogs).toEqual([]);
    await context.close();
  });

  it('takes the certification, passes, downloads the certificate and verifies it', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addCookies([...learner.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
    const page = await context.newPage();

    await page.goto(`${server.origin}/certifications/clean-timestamp`);
    await page.getByRole('link', { name: 'Resume your attempt' }).click();
    await page.waitForURL(new RegExp(`/attempts/${attemptId}$`));

    const questions = page.getByTestId('quiz-question');
    const count = await questions.count();
    expect(count).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < count; i++) {
      const fieldset = questions.nth(i);
      const id = (await fieldset.getAttribute('data-question')) ?? '';
      const question = bank.get(id);
      if (!question) throw new Error(`question ${id} is not in the bank`);
      for (const option of question.options.filter((o) => o.correct)) {
        await fieldset.locator(`input[value="${option.id}"]`).check();
      }
    }

    const tasks = await page.getByTestId('attempt-task').evaluateAll((els) => els.map((el) => el.getAttribute('data-exercise') ?? ''));
    expect(tasks.length).toBeGreaterThan(0);
    // Each task as the draw gave it: the reference solution of the candidate's own variant.
    for (const exerciseId of tasks) {
      const files = solutionOf(exerciseId, await variantOfTask(learner, attemptId, exerciseId));
      await gradeOrFail(`/api/certifications/attempts/${attemptId}/tasks/${exerciseId}`, exerciseId, files);
    }

    // A task page runs the attempt's clock and says how many graded submissions are left.
    const taskPage = await context.newPage();
    await taskPage.goto(`${server.origin}/exercises/${tasks[0]}?attempt=${attemptId}`);
    await expect.poll(async () => (await taskPage.getByTestId('task-timer').textContent()) ?? '').toMatch(/^1:[0-2]\d:\d\d$/);
    expect(await taskPage.getByTestId('submissions-left').textContent()).toBe('4 of 5 graded submissions left; your best one counts.');
    await taskPage.close();

    // Autosave keeps the answers across the reload that shows the graded tasks.
    await expect.poll(async () => (await page.locator('#quiz-saved').textContent()) ?? '', { timeout: 10_000 }).toMatch(/^Saved/);
    await page.reload();
    for (const status of await page.getByTestId('task-status').allTextContents()) expect(status).toMatch(/pass/);

    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('submit-dialog').waitFor({ state: 'visible' });
    expect(await page.getByTestId('submit-dialog-summary').textContent()).toBe('Every question is answered and every task has a graded submission.');
    await page.getByTestId('submit-confirm').click();
    const outcome = page.getByTestId('attempt-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-passed')).toBe('true');

    expect(await outcome.textContent()).toMatch(/You earned Certified Clean Timestamp Associate( with distinction)?\./);
    // The result reports the four skill areas of the course's competency assessment, each against its target.
    const areas = await page.locator('h2:text-is("Skill areas") + .table-wrap tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')));
    expect(areas.map(([name, score, target]) => [name, /^\d+ %$/.test(score ?? ''), target?.replace(/ [✓✗]$/, '')])).toEqual([
      ['BaseTimestampEntity Implementation', true, '80 %'],
      ['Domain Event Handling', true, '80 %'],
      ['Production Troubleshooting', true, '75 %'],
      ['Performance Optimization', true, '75 %'],
    ]);

    // /me shows the ladder: Associate held for a year, Professional next, with what is still missing.
    await page.goto(`${server.origin}/me`);
    const ladder = page.getByTestId('ladder');
    expect(await ladder.getByTestId('ladder-level').evaluateAll((els) => els.map((el) => [el.getAttribute('data-level'), el.getAttribute('data-state')]))).toEqual([
      ['associate', 'held'],
      ['professional', 'not-held'],
      ['expert', 'not-held'],
    ]);
    const validUntil = new Date(new Date().setUTCFullYear(new Date().getUTCFullYear() + 1)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    expect(await ladder.getByTestId('ladder-held').textContent()).toBe(`held, valid until ${validUntil}`);
    expect(await ladder.getByTestId('ladder-next').getAttribute('data-kind')).toBe('wait');
    expect(await ladder.getByTestId('ladder-next').textContent()).toBe('Next: Still to do for “Certified Clean Timestamp Professional”: Go to the certification');
    const missing = await ladder.getByTestId('ladder-missing').locator('li').allTextContents();
    expect(missing).toHaveLength(4);
    expect(missing.slice(0, 3).every((m) => m.startsWith('Pass the exercise “') && !/s3-/.test(m))).toBe(true);
    expect(missing[3]).toMatch(/^Hold “Certified Clean Timestamp Associate” for 6 months first \(until \d{1,2} [A-Z][a-z]{2,4} \d{4}\)\.$/);
    expect(await page.getByTestId('renewal-reminder').count()).toBe(0);

    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('certificate-download').first().click();
    const download = await downloadPromise;
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);

    await page.getByTestId('certificate-verify-link').first().click();
    await page.waitForURL(/\/verify\//);
    expect(await page.getByTestId('verify-status').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('verify-holder').textContent()).toBe('Иван Zoë Ålander');

    const anonymous = await browser.newPage();
    await anonymous.goto(page.url());
    expect(await anonymous.getByTestId('verify-status').getAttribute('data-status')).toBe('active');
    await anonymous.close();
    await context.close();
  });
});
