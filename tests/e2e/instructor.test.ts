// An instructor signs in, opens a seeded demo cohort and reads its KPI cards, the competency chart
// and the learner table, revokes a certificate; a learner is refused the same pages. Real Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { openServerStore } from '../helpers/server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/server/auth/password.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { seedDemoCohort } from '../../scripts/lib/demo-cohort.ts';
import { launchBrowser, signUpInBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';

const PASSWORD = 'instructor-pass-1';
let server: RunningServer;
let browser: Browser;
let cohortId: string;
let dataDir: string;

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.origin}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'practicum-e2e-cohort-'));
  const db = await openServerStore(dataDir);
  await migrate(db);
  cohortId = (await seedDemoCohort(db, ROOT, { learners: 40, passwordHash: await hashPassword(PASSWORD), instructorEmail: 'teach@example.com', cohortName: 'Spring cohort' })).cohort.id;
  await db.close();
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('instructor dashboard in the browser', () => {
  it('shows the demo cohort with KPI cards, the competency chart and the learner table', async () => {
    const page = await browser.newPage();
    await signIn(page, 'teach@example.com');
    await page.goto(`${server.origin}/cohorts`);
    await page.getByRole('link', { name: 'Spring cohort', exact: true }).click();
    await page.waitForURL(`${server.origin}/cohorts/${cohortId}`);
    const cards = page.getByTestId('kpi-card');
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    for (const text of await cards.allTextContents()) expect(text).toMatch(/\d+\s*%|\d/);
    const chart = page.getByTestId('competency-chart');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('svg').count()).toBeGreaterThan(0);
    // The four skill areas of the course's competency assessment, each with a score and its target.
    const rows = await chart.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')));
    expect(rows.map(([label, value, target]) => [label?.replace(/ \(n=\d+\)$/, ''), /^\d+ %$/.test(value ?? ''), target])).toEqual([
      ['BaseTimestampEntity Implementation', true, '80 %'],
      ['Domain Event Handling', true, '80 %'],
      ['Production Troubleshooting', true, '75 %'],
      ['Performance Optimization', true, '75 %'],
    ]);
    // Every label fits the chart: none starts left of the drawing.
    for (const box of await chart.locator('svg text.label').evaluateAll((texts) => texts.map((t) => (t as SVGTextElement).getBBox().x))) expect(box).toBeGreaterThanOrEqual(0);
    expect(await page.locator('#learners tbody tr').count()).toBeGreaterThan(0);

    await page.getByTestId('cohort-certificates').click();
    const table = page.getByTestId('certificate-table');
    expect(await table.isVisible()).toBe(true);
    const firstRow = table.locator('tbody tr').first();
    await firstRow.getByPlaceholder('Reason').fill('Issued in error');
    await firstRow.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: 'Revoke this certificate?' }).getByRole('button', { name: 'Revoke certificate' }).click();
    await page.getByRole('status').filter({ hasText: 'Certificate revoked' }).waitFor();
    expect(await table.locator('tbody tr').first().textContent()).toContain('Issued in error');
    await page.close();
  });

  it('refuses a learner the cohort pages', async () => {
    const page = await browser.newPage();
    await signUpInBrowser(page, server.origin, 'curious@example.com');
    const res = await page.goto(`${server.origin}/cohorts/${cohortId}`);
    expect(res?.status()).toBe(403);
    const certs = await page.goto(`${server.origin}/cohorts/${cohortId}/certificates`);
    expect(certs?.status()).toBe(403);
    await page.close();
  });
});
