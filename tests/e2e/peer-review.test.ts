// A whole peer review round in real Chromium: three learners of a cohort send their final project for
// review from the peer review page (the first waits, told why, until enough peers have sent theirs);
// two peers review the first author's project (a comment on a line chosen from the file, the rubric,
// an overall comment, a saved draft, then submit); the author reads both reviews with the comments
// beside her lines; the instructor finds the round from the cohort page, sees every project and
// reviewer, and rates a review's helpfulness, which shows on the reviewer's record.
import { openServerStore } from '../helpers/server.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const PROGRAM = 'clean-timestamp';
const TASK = "// Task entity\nexport class Task {\n  const now = new Date();\n  validate(): void {}\n}\n";
let server: RunningServer;
let browser: Browser;
let instructor: HttpClient;
const learners: Record<string, HttpClient> = {};
let cohortId = '';
let projectUrl = '';

async function contextOf(client: HttpClient): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
  return context;
}

/** A passing practice submission of the final project, as the grader stores one. */
async function passFinalProject(email: string, files: Record<string, string>): Promise<void> {
  const { completeSubmission, insertQueuedSubmission } = await import('../../src/server/db/submissions.ts');
  const db = await openServerStore(server.dataDir);
  try {
    const user = await db.get('SELECT id FROM users WHERE email = ?', email) as { id: string };
    const id = await insertQueuedSubmission(db, { userId: user.id, exerciseId: 's2-final-project', files, now: Date.now() - 60_000 });
    await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 5, failedTests: [] });
  } finally {
    await db.close();
  }
}

async function sendFromPage(page: Page): Promise<void> {
  await page.goto(`${server.origin}/programs/${PROGRAM}`);
  await page.getByTestId('program-peer-review').click();
  await page.waitForURL(`${server.origin}/programs/${PROGRAM}/peer-review`);
  expect(await page.getByTestId('my-project').getAttribute('data-state')).toBe('ready');
  await page.getByTestId('send-for-review').click();
  await page.getByTestId('peer-review-notice').waitFor();
  expect(await page.getByTestId('my-project').getAttribute('data-state')).toBe('sent');
}

/** Opens the author's project from the reviewer's peer review page. */
async function openReviewOf(page: Page, author: string): Promise<void> {
  await page.goto(`${server.origin}/programs/${PROGRAM}/peer-review`);
  await page.getByRole('link', { name: `Review ${author}’s project` }).click();
  await page.waitForURL(/\/peer-review\/[a-z0-9]+/);
}

async function scoreAll(page: Page, points: number): Promise<void> {
  const criteria = await page.locator('[data-testid="review-form"] fieldset').evaluateAll((els) => els.map((el) => el.getAttribute('data-criterion') ?? ''));
  expect(criteria).toEqual(['code-quality', 'timestamps', 'events', 'tests', 'performance']);
  for (const id of criteria) await page.locator(`input[name="points:${id}"][value="${points}"]`).check();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const made = server.script('scripts/user-create.ts', ['--email', 'coach@example.com', '--name', 'Cora Coach', '--role', 'instructor'], 'coach-password-1\n');
  if (made.status !== 0) throw new Error(made.stderr);
  instructor = server.client();
  await instructor.logIn('coach@example.com', 'coach-password-1');
  const created = await instructor.post('/api/cohorts', { name: 'Review round', program: PROGRAM, sessionDates: ['2026-01-05', '2026-01-08', '2026-01-12'] });
  if (created.status !== 201) throw new Error(`creating the cohort failed: ${created.status} ${await created.text()}`);
  const { cohort } = (await created.json()) as { cohort: { id: string; joinCode: string } };
  cohortId = cohort.id;
  for (const [name, full] of [['ann', 'Ann Author'], ['bob', 'Bob Reviewer'], ['cy', 'Cy Reviewer']] as const) {
    const client = server.client();
    const res = await client.post('/api/auth/signup', { email: `${name}@example.com`, password: 'correct-horse-battery', name: full, cohortCode: cohort.joinCode });
    if (res.status !== 201) throw new Error(await res.text());
    learners[name] = client;
  }
  await passFinalProject('ann@example.com', { 'src/task.ts': TASK, 'README.md': '# Task\n\nDesign decisions.\n' });
  await passFinalProject('bob@example.com', { 'src/task.ts': '// bob\n' });
  await passFinalProject('cy@example.com', { 'src/task.ts': '// cy\n' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a peer review round end to end', () => {
  it('the authors send their projects; the first waits for peers, told why', async () => {
    const context = await contextOf(learners['ann']!);
    const page = await context.newPage();
    await sendFromPage(page);
    expect(await page.getByTestId('waiting-for-peers').textContent()).toContain('0 of 2 reviewers so far');
    for (const name of ['bob', 'cy']) {
      const other = await contextOf(learners[name]!);
      await sendFromPage(await other.newPage());
      await other.close();
    }
    await page.reload();
    expect(await page.getByTestId('waiting-for-peers').count()).toBe(0);
    projectUrl = (await page.getByTestId('open-my-project').getAttribute('href')) ?? '';
    expect(projectUrl).toMatch(/^\/peer-review\//);
    await context.close();
  });

  it('two peers review it: a comment on a chosen line, the rubric, a draft, then submit', async () => {
    const bob = await contextOf(learners['bob']!);
    const page = await bob.newPage();
    await openReviewOf(page, 'Ann Author');
    expect(await page.getByTestId('work-author').textContent()).toBe('Ann Author');
    // The code is text, never markup or script.
    expect(await page.locator('[data-testid="work-file"][data-name="src/task.ts"] tr[data-line="3"] td.src').textContent()).toBe('  const now = new Date();');
    await page.getByRole('link', { name: 'Comment on line 3 of src/task.ts' }).click();
    const form = page.getByTestId('comment-form');
    expect(await form.locator('select[name="file"]').inputValue()).toBe('src/task.ts');
    expect(await form.locator('input[name="line"]').inputValue()).toBe('3');
    await form.locator('textarea[name="body"]').fill('Read now from this.clock.now(), not new Date().');
    await form.getByTestId('add-comment').click();
    await page.getByTestId('work-notice').waitFor();
    const note = page.locator('[data-testid="line-comment"][data-file="src/task.ts"][data-line="3"]');
    expect(await note.textContent()).toContain('Read now from this.clock.now()');
    // A line the file does not have is refused, saying how long the file is.
    await page.goto(`${server.origin}${projectUrl}?file=README.md&line=9#comment-form`);
    await page.getByTestId('comment-form').locator('textarea[name="body"]').fill('Off the end');
    await page.getByTestId('add-comment').click();
    expect(await page.getByTestId('work-error').textContent()).toBe('"README.md" has 3 lines: give a line number from 1 to 3 (not 9).');
    expect(await page.getByTestId('comment-form').locator('textarea[name="body"]').inputValue()).toBe('Off the end');

    await scoreAll(page, 3);
    await page.locator('[data-testid="review-form"] textarea[name="comment"]').fill('Rules are in one place; take "now" from the entity’s clock.');
    await page.getByTestId('save-review').click();
    await page.getByTestId('work-notice').waitFor();
    expect(await page.getByTestId('your-review').getAttribute('data-status')).toBe('draft');
    expect(await page.locator('input[name="points:events"][value="3"]').isChecked()).toBe(true);
    await page.getByTestId('submit-review').click();
    await page.getByTestId('work-notice').waitFor();
    expect(await page.getByTestId('work-notice').textContent()).toBe('Review submitted: the author and the instructor can read it now.');
    expect(await page.getByTestId('your-review').count()).toBe(0);
    expect(await page.getByTestId('review-entry').getAttribute('data-status')).toBe('submitted');
    await bob.close();

    const cy = await contextOf(learners['cy']!);
    const other = await cy.newPage();
    await openReviewOf(other, 'Ann Author');
    // Cy never sees Bob's review.
    expect(await other.locator('body').textContent()).not.toContain('Read now from this.clock.now()');
    await other.getByRole('link', { name: 'Comment on line 1 of README.md' }).click();
    await other.getByTestId('comment-form').locator('textarea[name="body"]').fill('Add a Monitoring section.');
    await other.getByTestId('add-comment').click();
    await other.getByTestId('work-notice').waitFor();
    await scoreAll(other, 2);
    // Submitting without an overall comment is refused, and the scores are kept as a draft.
    await other.getByTestId('submit-review').click();
    expect(await other.getByTestId('work-error').textContent()).toBe('Write an overall comment before submitting: it is what the author reads first.');
    expect(await other.locator('input[name="points:tests"][value="2"]').isChecked()).toBe(true);
    await other.locator('[data-testid="review-form"] textarea[name="comment"]').fill('Works; the README needs the monitoring section.');
    await other.getByTestId('submit-review').click();
    await other.getByTestId('work-notice').waitFor();
    await cy.close();
  });

  it('the author reads both reviews, with the comments beside her lines', async () => {
    const context = await contextOf(learners['ann']!);
    const page = await context.newPage();
    await page.goto(`${server.origin}/programs/${PROGRAM}/peer-review`);
    expect(await page.getByTestId('reviews-of-mine').locator('li').count()).toBe(2);
    await page.getByTestId('open-my-project').click();
    await page.waitForURL(`${server.origin}${projectUrl}`);
    expect((await page.getByTestId('review-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-reviewer')))).sort()).toEqual(['Bob Reviewer', 'Cy Reviewer']);
    const line3 = page.locator('[data-testid="work-file"][data-name="src/task.ts"] tr[data-line="3"]');
    expect(await line3.getByTestId('line-comment').textContent()).toContain('Bob Reviewer');
    expect(await line3.getByTestId('line-comment').textContent()).toContain('Read now from this.clock.now()');
    expect(await page.locator('[data-testid="work-file"][data-name="README.md"] tr[data-line="1"]').getByTestId('line-comment').textContent()).toContain('Add a Monitoring section.');
    // Beside, not below: the comment sits to the right of the code on a desktop screen.
    const code = await line3.locator('td.src').boundingBox();
    const comment = await line3.locator('td.notes').boundingBox();
    expect(comment && code && comment.x >= code.x + code.width - 1).toBe(true);
    expect(await page.getByTestId('rate-review').count()).toBe(0);
    await context.close();
  });

  it('the instructor sees every project and reviewer, and rates a review', async () => {
    const context = await contextOf(instructor);
    const page = await context.newPage();
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    await page.getByTestId('cohort-peer-review').click();
    await page.waitForURL(`${server.origin}/cohorts/${cohortId}/peer-review`);
    expect(await page.getByTestId('peer-review-work').count()).toBe(3);
    const annRow = page.locator('[data-testid="peer-review-work"][data-author="Ann Author"]');
    expect(await annRow.locator('li[data-state="on-time"]').count()).toBe(2);
    await annRow.getByTestId('open-work').click();
    await page.waitForURL(`${server.origin}${projectUrl}`);
    const bobs = page.locator('[data-testid="review-entry"][data-reviewer="Bob Reviewer"]');
    await bobs.getByTestId('rate-review').locator('input[name="helpfulness"][value="3"]').check();
    await bobs.getByTestId('rate-review').getByRole('button', { name: 'Save rating' }).click();
    await page.getByTestId('work-notice').waitFor();
    expect(await page.getByTestId('work-notice').textContent()).toBe('Rating saved.');
    expect(await page.locator('[data-testid="review-entry"][data-reviewer="Bob Reviewer"] input[name="helpfulness"][value="3"]').isChecked()).toBe(true);
    await page.goto(`${server.origin}/cohorts/${cohortId}/peer-review`);
    const bobRecord = page.locator('[data-testid="peer-reviewer"][data-name="Bob Reviewer"]');
    expect(await bobRecord.getByTestId('helpfulness').textContent()).toBe('3.0 (1 rating)');
    expect(await bobRecord.getByTestId('comments').textContent()).toBe('1');
    expect(await page.locator('[data-testid="peer-reviewer"][data-name="Cy Reviewer"]').getByTestId('helpfulness').textContent()).toBe('—');
    await context.close();
  });
});
