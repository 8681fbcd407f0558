// The whole certification in real Chromium: a learner who has done the session exercises starts an
// attempt, answers the theory quiz, has the practical tasks graded by the real sandboxed grader,
// submits, passes, downloads the PDF certificate and opens its public verification page.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

interface BankQuestion {
  id: string;
  options: { id: string; correct?: boolean }[];
}
interface Certification {
  prerequisites: { exercises: string[] };
}

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

async function gradeOrFail(path: string, exerciseId: string): Promise<void> {
  const res = await learner.post(path, { files: solutionFiles(exerciseId) });
  const body = (await res.json()) as { status?: string; message?: string };
  if (res.status !== 200 || body.status !== 'pass') throw new Error(`${exerciseId}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  learner = server.client();
  await learner.signUp('certified@example.com', 'Иван Zoë Ålander');
  for (const id of certification.prerequisites.exercises) await gradeOrFail(`/api/exercises/${id}/submissions`, id);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('certification end to end', () => {
  it('takes the certification, passes, downloads the certificate and verifies it', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addCookies([...learner.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());

    await page.goto(`${server.origin}/certifications/clean-timestamp`);
    await page.getByTestId('start-attempt').click();
    await page.waitForURL(/\/attempts\/[^/]+$/);
    const attemptId = page.url().split('/').pop() ?? '';

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
    for (const exerciseId of tasks) await gradeOrFail(`/api/certifications/attempts/${attemptId}/tasks/${exerciseId}`, exerciseId);

    // Autosave keeps the answers across the reload that shows the graded tasks.
    await expect.poll(async () => (await page.locator('#quiz-saved').textContent()) ?? '', { timeout: 10_000 }).toMatch(/^Saved/);
    await page.reload();
    for (const status of await page.getByTestId('task-status').allTextContents()) expect(status).toMatch(/pass/);

    await page.getByTestId('quiz-submit').click();
    const outcome = page.getByTestId('attempt-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-passed')).toBe('true');

    await page.goto(`${server.origin}/me`);
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
