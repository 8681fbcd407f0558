// An instructor's reports in real Chromium on a 300-learner demo cohort: printing the cohort page
// keeps every column on the paper and says where the whole cohort is (no blank last page), the PDF
// download, sort arrows, readable question analytics, and certificates (revoke behind a confirmation
// dialog — or a confirmation step without JavaScript —, search, re-issue, "superseded by" on the
// public page). Saves screenshots at 1280 and 390 px under .tmp/screenshots/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { openServerStore } from '../helpers/server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PDFDocument, PDFArray, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { hashPassword } from '../../src/server/auth/password.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { seedDemoCohort } from '../../scripts/lib/demo-cohort.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const PASSWORD = 'instructor-pass-1';
const SHOTS = join(ROOT, '.tmp/screenshots');
let server: RunningServer;
let browser: Browser;
let cohortId: string;
let dataDir: string;

async function signedIn(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(`${server.origin}/login`);
  await page.getByLabel('Email').fill('teach@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

/**
 * Screenshots at 1280 and 390 px, each width checked by axe (no serious or critical violation) and
 * for sideways scrolling, unless the page runs without JavaScript (neither check can run there).
 */
async function shoot(page: Page, name: string, { check = true }: { check?: boolean } = {}): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
    if (!check) continue;
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** How many text-showing operators a page of a PDF has (0: the page is blank). */
function textOperators(pdf: PDFDocument, index: number): number {
  const page = pdf.getPage(index);
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents ? pdf.context.lookup(contents) : undefined;
  const parts = resolved instanceof PDFArray ? resolved.asArray().map((p) => pdf.context.lookup(p)) : [resolved];
  let count = 0;
  for (const part of parts) {
    if (!(part instanceof PDFRawStream)) continue;
    const text = Buffer.from(decodePDFRawStream(part).decode()).toString('latin1');
    count += (text.match(/\b(Tj|TJ)\b/g) ?? []).length;
  }
  return count;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'practicum-e2e-reports-'));
  const db = await openServerStore(dataDir);
  await migrate(db);
  cohortId = (await seedDemoCohort(db, ROOT, { learners: 300, passwordHash: await hashPassword(PASSWORD), instructorEmail: 'teach@example.com', cohortName: 'Winter cohort' })).cohort.id;
  await db.close();
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the cohort page on paper', () => {
  it('prints every column of the learner table on A4, says the PDF has the whole cohort, and ends on a page with content', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    await page.emulateMedia({ media: 'print' });
    // A4 portrait's printable width at 96 dpi with 12 mm margins: the narrowest paper a browser may choose.
    await page.setViewportSize({ width: 718, height: 1000 });
    const headers = page.locator('[data-testid="learner-table"] thead th');
    expect(await headers.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Best score'), expect.stringContaining('Flags')]));
    for (const box of await headers.evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(718);
    const overflow = await page.locator('[data-testid="learner-table"]').evaluate((table) => table.scrollWidth - table.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await page.getByRole('navigation', { name: 'Learner pages' }).isVisible()).toBe(false);
    expect(await page.getByTestId('print-note').innerText()).toContain('download the report as PDF');

    const printed = await PDFDocument.load(await page.pdf({ preferCSSPageSize: true }));
    const pages = printed.getPageCount();
    expect(pages).toBeGreaterThan(2);
    // 100 learners, the exercise table and every quiz question of the demo bank, at paper scale.
    expect(pages).toBeLessThanOrEqual(24);
    const [width, height] = [printed.getPage(0).getWidth(), printed.getPage(0).getHeight()];
    expect(width).toBeGreaterThan(height);
    expect(textOperators(printed, pages - 1)).toBeGreaterThan(0);
    await context.close();
  }, 60_000);

  it('offers the whole cohort as a PDF download', async () => {
    const { context, page } = await signedIn({ acceptDownloads: true });
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download report (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe('winter-cohort-report.pdf');
    const pdf = await PDFDocument.load(readFileSync(await download.path()));
    expect(pdf.getPageCount()).toBeGreaterThan(5);
    expect(textOperators(pdf, pdf.getPageCount() - 1)).toBeGreaterThan(0);
    await context.close();
  }, 60_000);
});

describe('analytics on the cohort page', () => {
  it('shows which column is sorted and how, by arrow and aria-sort', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    const sorted = page.locator('[data-testid="learner-table"] th[aria-sort]');
    expect(await sorted.count()).toBe(1);
    expect([await sorted.getAttribute('aria-sort'), await sorted.innerText()]).toEqual(['ascending', 'Learner▲']);
    await page.getByRole('link', { name: 'Best score' }).click();
    await page.waitForURL(/sort=score/);
    expect([await sorted.getAttribute('aria-sort'), await sorted.innerText()]).toEqual(['ascending', 'Best score▲']);
    await page.getByRole('link', { name: 'Best score' }).click();
    await page.waitForURL(/dir=desc/);
    expect([await sorted.getAttribute('aria-sort'), await sorted.innerText()]).toEqual(['descending', 'Best score▼']);
    await context.close();
  });

  it('shows each quiz question by its prompt, the whole item a click away, and explains the figures', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    const table = page.getByTestId('question-table');
    const first = table.locator('tbody tr').first();
    const summary = first.locator('summary');
    expect((await summary.innerText()).split(' ').length).toBeGreaterThan(4);
    const options = first.locator('.opts li');
    expect(await options.first().isVisible()).toBe(false);
    await summary.click();
    expect(await options.first().isVisible()).toBe(true);
    expect(await first.locator('.opts li.right').count()).toBeGreaterThan(0);
    await page.getByText('What these figures mean').click();
    expect(await page.getByTestId('item-help').getByText('The share of the available marks').isVisible()).toBe(true);
    const ratings = page.getByTestId('feedback-ratings').first();
    expect(await ratings.innerText()).toMatch(/Overall session satisfaction\s+\d\.\d \/ 5/);
    await page.locator('#items').scrollIntoViewIfNeeded();
    await shoot(page, 'instructor-cohort-questions');
    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    await shoot(page, 'instructor-cohort-top');
    await context.close();
  }, 60_000);
});

describe('certificates', () => {
  it('confirms a revocation in a dialog: Cancel keeps the certificate, Revoke certificate revokes it', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${server.origin}/cohorts/${cohortId}/certificates`);
    const row = page.getByTestId('certificate-table').locator('tbody tr').filter({ has: page.getByRole('button', { name: 'Revoke' }) }).first();
    const learner = (await row.locator('td').first().innerText()).split('\n')[0] ?? '';
    await row.getByPlaceholder('Reason').fill('Issued in error');
    await row.getByRole('button', { name: 'Revoke' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this certificate?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(learner);
    expect(await dialog.innerText()).toContain('Issued in error');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await shoot(page, 'instructor-revoke-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.isVisible()).toBe(false);
    expect(page.url()).toBe(`${server.origin}/cohorts/${cohortId}/certificates`);
    expect(await row.getByRole('button', { name: 'Revoke' }).isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByRole('button', { name: 'Revoke certificate' }).click();
    await page.getByRole('status').filter({ hasText: 'Certificate revoked' }).waitFor();
    expect(await page.getByTestId('certificate-table').innerText()).toContain('Issued in error');
    await context.close();
  });

  it('asks for the confirmation on the page when JavaScript is off', async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${server.origin}/cohorts/${cohortId}/certificates`);
    const row = page.getByTestId('certificate-table').locator('tbody tr').filter({ has: page.getByRole('button', { name: 'Revoke' }) }).first();
    await row.getByPlaceholder('Reason').fill('Wrong level');
    await row.getByRole('button', { name: 'Revoke' }).click();
    const step = page.getByTestId('revoke-confirm');
    await step.waitFor();
    expect(await step.innerText()).toContain('Wrong level');
    await shoot(page, 'instructor-revoke-confirm-nojs', { check: false });
    await step.getByRole('button', { name: 'Revoke certificate' }).click();
    await page.getByRole('status').filter({ hasText: 'Certificate revoked' }).waitFor();
    expect(await page.getByTestId('certificate-table').innerText()).toContain('Wrong level');
    await context.close();
  });

  it('searches the list, re-issues, and shows the old certificate as superseded by the new one, linked', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${server.origin}/cohorts/${cohortId}/certificates`);
    const table = page.getByTestId('certificate-table');
    const total = await table.locator('tbody tr').count();
    const row = table.locator('tbody tr').filter({ has: page.getByRole('button', { name: 'Revoke' }) }).first();
    const email = (await row.locator('td').first().innerText()).split('\n')[1] ?? '';
    await page.getByLabel('Search by learner name, email or certificate id').fill(email);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?q=/);
    expect(await table.locator('tbody tr').count()).toBeLessThan(total);
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    const old = (await table.locator('tbody tr').first().locator('code').first().innerText()).trim();
    await table.locator('tbody tr').first().getByRole('button', { name: 'Re-issue' }).click();
    await page.getByRole('status').filter({ hasText: 'Re-issued as' }).waitFor();
    expect(page.url()).toContain(`?q=`);
    await shoot(page, 'instructor-certificates-search');

    await page.goto(`${server.origin}/verify/${old}`);
    const status = page.getByTestId('verify-status');
    expect(await status.getAttribute('data-status')).toBe('superseded');
    expect(await status.innerText()).toMatch(/^↻ Superseded by \S+$/);
    // Neutral, not the red of a revocation.
    const colours = await status.evaluate((el) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--danger)';
      document.body.append(probe);
      const danger = getComputedStyle(probe).color;
      probe.remove();
      return { shown: getComputedStyle(el).color, danger };
    });
    expect(colours.shown).not.toBe(colours.danger);
    await shoot(page, 'verify-superseded');
    await page.getByTestId('verify-successor').click();
    await page.waitForURL((url) => url.pathname.startsWith('/verify/') && !url.pathname.endsWith(old));
    expect(await page.getByTestId('verify-status').getAttribute('data-status')).toBe('active');
    await context.close();
  }, 60_000);
});
