// The Expert level in real Chromium: a Professional opens the case study from the certification
// page, uploads a written design and code as files (a file of a type the content does not accept is
// refused), sends it for review; their instructor finds it on the cohort page, scores it against the
// rubric from content, returns it once with a comment, and signs off the revised version; the
// candidate sees it signed off and the Expert certificate on its public verification page.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { issueCertificateFor } from '../helpers/db.ts';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const PROGRAM = 'clean-timestamp';
const DAY = 86_400_000;

let server: RunningServer;
let browser: Browser;
let candidate: HttpClient;
let instructor: HttpClient;
let cohortId = '';
let caseStudyUrl = '';
let files = '';

const DESIGN = '# Field-service sync\n\nThe service owns every timestamp. Tablets propose changes with their local instant as a hint.\n';
const REVISED = `${DESIGN}\n## Events\n\nWorkOrderChanged goes out once, after the batch is stored; consumers keep the ids they applied.\n`;
const CODE = "import { BaseTimestampEntity } from '@practicum/reference';\n\nexport const owner = BaseTimestampEntity.name;\n";

async function contextOf(client: HttpClient): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
  return context;
}

/** Scores every rubric criterion on the review form: `points` by criterion id, the rest at 2 (meets the standard). */
async function score(page: Page, points: Record<string, number> = {}): Promise<void> {
  const criteria = await page.locator('[data-testid="case-study-review"] fieldset').evaluateAll((els) => els.map((el) => el.getAttribute('data-criterion') ?? ''));
  expect(criteria).toEqual(['clocks', 'events', 'operations', 'performance', 'code']);
  for (const id of criteria) await page.locator(`input[name="points:${id}"][value="${points[id] ?? 2}"]`).check();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const made = server.script('scripts/user-create.ts', ['--email', 'mentor@example.com', '--name', 'Mira Mentor', '--role', 'instructor'], 'mentor-password-1\n');
  if (made.status !== 0) throw new Error(made.stderr);
  instructor = server.client();
  await instructor.logIn('mentor@example.com', 'mentor-password-1');
  const created = (await (await instructor.post('/api/cohorts', { name: 'Experts', program: PROGRAM, sessionDates: ['2026-01-05', '2026-01-08', '2026-01-12'] })).json()) as {
    cohort: { id: string; joinCode: string };
  };
  cohortId = created.cohort.id;
  candidate = server.client();
  const signedUp = await candidate.post('/api/auth/signup', { email: 'expert@example.com', password: 'correct-horse-battery', name: 'Ezra Ekström', cohortCode: created.cohort.joinCode });
  if (signedUp.status !== 201) throw new Error(await signedUp.text());
  await issueCertificateFor(server.dataDir, 'expert@example.com', { level: 'associate', issuedAt: Date.now() - 300 * DAY, expiresAt: Date.now() + 65 * DAY });
  await issueCertificateFor(server.dataDir, 'expert@example.com', { level: 'professional', issuedAt: Date.now() - 60 * DAY, expiresAt: Date.now() + 670 * DAY });
  files = mkdtempSync(join(tmpdir(), 'case-study-'));
  writeFileSync(join(files, 'design.md'), DESIGN);
  writeFileSync(join(files, 'work-order.ts'), CODE);
  writeFileSync(join(files, 'slides.pdf'), '%PDF-1.4 not a text file we take');
  writeFileSync(join(files, 'revised.md'), REVISED);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('the Expert case study end to end', () => {
  it('is opened from the certification page, filled with uploaded files and sent for review', async () => {
    const context = await contextOf(candidate);
    const page = await context.newPage();
    await page.goto(`${server.origin}/certifications/${PROGRAM}`);
    const section = page.locator('[data-testid="certification-level"][data-level="expert"]');
    expect(await section.getByTestId('rubric').locator('tbody tr').count()).toBe(5);
    await section.getByTestId('start-attempt').click();
    await page.waitForURL(/\/case-studies\/[^/]+$/);
    caseStudyUrl = page.url();
    expect(await page.getByTestId('case-study-status').getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('case-study-missing').textContent()).toBe('Still needed before you can send it: a written design (.md or .txt), code (.ts).');

    // A file type the content does not accept is refused, and nothing is stored.
    const upload = page.getByTestId('case-study-upload');
    await upload.locator('input[type="file"]').setInputFiles(join(files, 'slides.pdf'));
    await upload.getByRole('button', { name: 'Upload' }).click();
    await page.getByTestId('case-study-error').waitFor();
    expect(await page.getByTestId('case-study-error').textContent()).toContain('"slides.pdf": only .md, .txt, .ts, .json, .sql, .yaml, .yml files are accepted.');
    expect(await page.getByTestId('case-study-file').count()).toBe(0);

    await page.getByTestId('case-study-upload').locator('input[type="file"]').setInputFiles([join(files, 'design.md'), join(files, 'work-order.ts')]);
    await page.getByTestId('case-study-upload').getByRole('button', { name: 'Upload' }).click();
    await page.getByTestId('case-study-notice').waitFor();
    expect(await page.getByTestId('case-study-file').evaluateAll((els) => els.map((el) => el.getAttribute('data-name')))).toEqual(['design.md', 'work-order.ts']);
    const stored = await page.request.get(`${server.origin}/api/case-studies/${caseStudyUrl.split('/').pop()}/files/design.md`);
    expect(await stored.text()).toBe(DESIGN);

    await page.getByTestId('case-study-submit').click();
    await page.getByTestId('case-study-notice').waitFor();
    expect(await page.getByTestId('case-study-status').getAttribute('data-status')).toBe('submitted');
    expect(await page.getByTestId('case-study-upload').count()).toBe(0);
    await context.close();
  });

  it('is returned once by the instructor with a comment, revised, and signed off against the rubric', async () => {
    const staff = await contextOf(instructor);
    const review = await staff.newPage();
    await review.goto(`${server.origin}/cohorts/${cohortId}`);
    const row = review.getByTestId('cohort-case-studies').locator('tbody tr[data-status="submitted"]');
    expect(await row.locator('td').first().textContent()).toBe('Ezra Ekström');
    await row.getByTestId('review-case-study').click();
    await review.waitForURL(caseStudyUrl);
    expect(await review.getByTestId('case-study-candidate').textContent()).toBe('Ezra Ekström');
    expect(await review.getByTestId('case-study-upload').count()).toBe(0);

    // Signing off with a criterion below its minimum is refused: return it instead, saying why.
    await score(review, { events: 1 });
    await review.getByTestId('case-study-sign-off').click();
    await review.getByTestId('case-study-error').waitFor();
    expect(await review.getByTestId('case-study-error').textContent()).toBe('It cannot be signed off: Domain events end to end is below the minimum. Return it with a comment instead.');
    await score(review, { events: 1 });
    await review.locator('textarea[name="comment"]').fill('Say when the events are published, and how consumers skip repeats.');
    await review.getByTestId('case-study-return').click();
    await review.getByTestId('case-study-notice').waitFor();

    const context = await contextOf(candidate);
    const mine = await context.newPage();
    await mine.goto(caseStudyUrl);
    expect(await mine.getByTestId('case-study-status').getAttribute('data-status')).toBe('returned');
    expect(await mine.getByTestId('case-study-review-entry').textContent()).toContain('Say when the events are published');
    await mine.getByTestId('case-study-upload').locator('input[type="file"]').setInputFiles({ name: 'design.md', mimeType: 'text/markdown', buffer: Buffer.from(REVISED) });
    await mine.getByTestId('case-study-upload').getByRole('button', { name: 'Upload' }).click();
    await mine.getByTestId('case-study-notice').waitFor();
    await mine.getByTestId('case-study-submit').click();
    await mine.getByTestId('case-study-notice').waitFor();

    await review.reload();
    await score(review, { code: 3 });
    await review.getByTestId('case-study-sign-off').click();
    await review.getByTestId('case-study-notice').waitFor();
    expect(await review.getByTestId('case-study-notice').textContent()).toBe('Signed off: the certificate has been issued.');
    expect(await review.getByTestId('case-study-review-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-decision')))).toEqual(['return', 'sign-off']);
    await staff.close();

    await mine.reload();
    expect(await mine.getByTestId('case-study-status').getAttribute('data-status')).toBe('signed-off');
    await mine.getByTestId('case-study-certificate').click();
    await mine.waitForURL(/\/verify\//);
    expect(await mine.getByTestId('verify-status').getAttribute('data-status')).toBe('active');
    expect(await mine.getByTestId('verify-holder').textContent()).toBe('Ezra Ekström');
    expect(await mine.locator('body').textContent()).toContain('Certified Clean Timestamp Expert');

    await mine.goto(`${server.origin}/me`);
    expect(await mine.getByTestId('ladder-level').evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))).toEqual(['held', 'held', 'held']);
    expect(await mine.getByTestId('ladder-next').getAttribute('data-kind')).toBe('done');
    await context.close();
  });
});
