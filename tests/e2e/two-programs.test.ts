// Text and forms that must not assume one program, on a site serving two: the course (three sessions)
// and tests/fixtures/programs/money-basics (one session, its quiz renamed here "Cents quiz" so the
// attempt page's heading can only come from certification.json). Built with this project's code
// unchanged, served, and driven in real Chromium, with and without JavaScript: the catalogue says
// "1 session" and "3 sessions"; the new-cohort form asks for the chosen program's session dates (a
// one-session cohort and a three-session cohort are both created from it); the quiz is headed by its
// component's name; the certification page says the review task is scored by matching findings.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openServerStore } from '../helpers/server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/server/auth/password.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { createUser } from '../../src/server/db/users.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { assembleProgramRoot, buildProgramRoot, PROGRAM_PARTS, type ProgramRoot } from '../helpers/program-root.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const MONEY = 'money-basics';
const MONEY_TITLE = 'Money in Integer Cents';
const COURSE_TITLE = 'Clean Timestamp System Mastery';
const QUIZ_NAME = 'Cents quiz';
const PASSWORD = 'two-programs-pass-1';

let sources: string;
let built: ProgramRoot | undefined;
let server: RunningServer;
let browser: Browser;
let dataDir: string;

/** The course's content with money-basics beside it, its quiz component renamed. */
function twoProgramSources(): string {
  const dir = join(ROOT, '.tmp', 'program-roots');
  mkdirSync(dir, { recursive: true });
  const out = mkdtempSync(join(dir, 'two-programs-src-'));
  for (const part of PROGRAM_PARTS) {
    cpSync(join(ROOT, part), join(out, part), { recursive: true });
    cpSync(join(ROOT, 'tests/fixtures/programs', MONEY, part), join(out, part), { recursive: true });
  }
  const file = join(out, 'assessments', MONEY, 'certification.json');
  const certification = JSON.parse(readFileSync(file, 'utf8')) as { components: { type: string; name: string }[] };
  for (const c of certification.components) if (c.type === 'quiz') c.name = QUIZ_NAME;
  writeFileSync(file, JSON.stringify(certification, null, 2));
  return out;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.origin}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

beforeAll(async () => {
  sources = twoProgramSources();
  built = assembleProgramRoot(sources);
  buildProgramRoot(built.root);
  dataDir = mkdtempSync(join(tmpdir(), 'practicum-two-programs-'));
  const db = await openServerStore(dataDir);
  await migrate(db);
  const passwordHash = await hashPassword(PASSWORD);
  await createUser(db, { email: 'teach@example.com', name: 'Two Program Teacher', passwordHash, role: 'instructor' });
  const candidate = await createUser(db, { email: 'cents@example.com', name: 'Cents Candidate', passwordHash });
  const { levels } = JSON.parse(readFileSync(join(sources, 'assessments', MONEY, 'certification.json'), 'utf8')) as { levels: { prerequisites: { exercises: string[] } }[] };
  const prerequisites = levels[0]?.prerequisites.exercises ?? [];
  for (const exerciseId of prerequisites) {
    const id = await insertQueuedSubmission(db, { userId: candidate.id, exerciseId, files: { 'src/solution.ts': '// passed\n' } });
    await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [] });
  }
  await db.close();
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }, built.root), launchBrowser()]);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  built?.remove();
  rmSync(sources, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a site with two programs', () => {
  it('counts sessions with the right noun in the catalogue', async () => {
    const page = await browser.newPage();
    for (const path of ['/', '/programs']) {
      await page.goto(`${server.origin}${path}`);
      const card = (title: string) => page.locator('article.card').filter({ has: page.getByRole('link', { name: title }) });
      expect(await card(MONEY_TITLE).textContent()).toMatch(/(?<!\d)1 session ·/);
      expect(await card(COURSE_TITLE).textContent()).toMatch(/(?<!\d)3 sessions ·/);
      expect(await page.locator('main').textContent()).not.toMatch(/(?<!\d)1 sessions/);
    }
    await page.goto(`${server.origin}/programs/${MONEY}`);
    expect(await page.locator('main').textContent()).toMatch(/1 session, /);
    await page.close();
  });

  it('without JavaScript, the new-cohort form creates a cohort of the program chosen, with that program’s dates', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'teach@example.com');
    await page.goto(`${server.origin}/cohorts`);
    const form = page.getByTestId('new-cohort-form');
    // Every program's dates are offered, each set under its program's name.
    expect(await form.locator('fieldset[data-program]').count()).toBe(2);
    expect(await form.getByRole('group', { name: `Session dates for ${MONEY_TITLE}` }).getByLabel(/Session \d date/).count()).toBe(1);
    expect(await form.getByRole('group', { name: `Session dates for ${COURSE_TITLE}` }).getByLabel(/Session \d date/).count()).toBe(3);

    await form.getByLabel('Name').fill('Cents evening');
    await form.getByLabel('Program').selectOption(MONEY);
    await form.getByRole('group', { name: `Session dates for ${MONEY_TITLE}` }).getByLabel('Session 1 date').fill('2026-12-01');
    await form.getByRole('button', { name: 'Create cohort' }).click();
    await page.waitForURL(/\/cohorts\/[^/]+$/);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Cents evening');
    expect(main).toContain(MONEY_TITLE);
    expect(main).toMatch(/0 learners · sessions 1 Dec 2026 ·/);

    await page.goto(`${server.origin}/cohorts`);
    await form.getByLabel('Name').fill('Timestamps morning');
    await form.getByLabel('Program').selectOption('clean-timestamp');
    const course = form.getByRole('group', { name: `Session dates for ${COURSE_TITLE}` });
    for (const [n, date] of [[1, '2026-12-02'], [2, '2026-12-04'], [3, '2026-12-06']] as const) await course.getByLabel(`Session ${n} date`).fill(date);
    await form.getByRole('button', { name: 'Create cohort' }).click();
    await page.waitForURL(/\/cohorts\/[^/]+$/);
    expect(await page.locator('main').textContent()).toMatch(/sessions 2 Dec 2026, 4 Dec 2026, 6 Dec 2026/);
    await context.close();
  });

  it('with JavaScript, the form shows only the chosen program’s dates and follows a change of program', async () => {
    const page = await browser.newPage();
    await signIn(page, 'teach@example.com');
    await page.goto(`${server.origin}/cohorts`);
    const form = page.getByTestId('new-cohort-form');
    const visibleDateFields = () => form.locator('input[type="date"]:visible');
    const chosen = await form.getByLabel('Program').inputValue();
    expect(await visibleDateFields().count()).toBe(chosen === MONEY ? 1 : 3);

    await form.getByLabel('Program').selectOption(MONEY);
    expect(await visibleDateFields().count()).toBe(1);
    await form.locator(`fieldset[data-program="${MONEY}"]`).getByLabel('Session 1 date').fill('2026-12-08');
    await form.getByLabel('Program').selectOption('clean-timestamp');
    expect(await visibleDateFields().count()).toBe(3);
    await form.getByLabel('Program').selectOption(MONEY);
    await form.getByLabel('Name').fill('Cents with script');
    // The course's dates are left empty and, hidden, are neither required nor sent.
    await form.getByRole('button', { name: 'Create cohort' }).click();
    await page.waitForURL(/\/cohorts\/[^/]+$/);
    expect(await page.locator('main').textContent()).toMatch(/Cents with script[\s\S]*sessions 8 Dec 2026 ·/);
    await page.close();
  });

  it('heads the quiz with its component’s name and describes the review task as scored by matching findings', async () => {
    const page = await browser.newPage();
    await signIn(page, 'cents@example.com');
    await page.goto(`${server.origin}/certifications/${MONEY}`);
    const review = page.getByTestId('certification-components').getByRole('row', { name: /Code review task/ });
    expect(await review.textContent()).toMatch(/scored by matching your findings/);
    expect(await review.textContent()).not.toMatch(/hidden tests/);
    await page.getByTestId('start-attempt').click();
    await page.waitForURL(/\/attempts\/[^/]+$/);
    expect(await page.getByTestId('quiz-heading').textContent()).toBe(QUIZ_NAME);
    expect(await page.getByRole('heading', { name: 'Theory quiz' }).count()).toBe(0);
    await page.close();
  });
});
