// The similarity check in Chromium: two candidates of one cohort submit near-identical solutions (a
// third an independent one), seeded through the domain functions; the instructor opens the cohort,
// follows "Similar submissions", checks now, sees the one flagged pair per task, opens it side by
// side with the matched lines marked, and marks it reviewed with a note.
import { mkdtempSync, rmSync } from 'node:fs';
import { openServerStore } from '../helpers/server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoContent } from '../../scripts/lib/demo-cohort.ts';
import { fixtureSolution } from '../../scripts/lib/demo-similarity.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { createCohort } from '../../src/server/cohorts/create.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createUser } from '../../src/server/db/users.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { seedCandidate } from '../helpers/similarity-seed.ts';

const PASSWORD = 'similarity-e2e-1';
let server: RunningServer;
let browser: Browser;
let dataDir: string;
let cohortId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'practicum-e2e-similarity-'));
  const db = await openServerStore(dataDir);
  try {
    await migrate(db);
    const passwordHash = await hashPassword(PASSWORD);
    const { dashboard } = demoContent(ROOT);
    const teacher = await createUser(db, { email: 'teach@example.com', name: 'Teacher', passwordHash, role: 'instructor' });
    const cohort = await createCohort(db, teacher, { name: 'Night cohort', program: dashboard.program.id, sessionDates: ['2026-11-01', '2026-11-04', '2026-11-07'] }, [dashboard.program]);
    cohortId = cohort.id;
    const now = Date.now() - 3 * 3_600_000;
    const release = (kind: 'original' | 'copied' | 'independent') => {
      const files = fixtureSolution(ROOT, 'cert-release-entity', kind);
      if (!files) throw new Error(`no fixture ${kind}`);
      return { 'cert-release-entity': files };
    };
    await seedCandidate(db, { joinCode: cohort.joinCode, email: 'ada@example.com', name: 'Ada Lovelace', passwordHash, finals: release('original'), now });
    await seedCandidate(db, { joinCode: cohort.joinCode, email: 'bea@example.com', name: 'Bea Copier', passwordHash, finals: release('copied'), now });
    await seedCandidate(db, { joinCode: cohort.joinCode, email: 'cy@example.com', name: 'Cy Own', passwordHash, finals: release('independent'), now });
  } finally {
    await db.close();
  }
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('similar submissions in the browser', () => {
  it('the instructor finds the copied pair, compares it side by side and marks it reviewed with a note', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/login`);
    await page.getByLabel('Email').fill('teach@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${server.origin}/cohorts/${cohortId}`);
    await page.getByRole('link', { name: 'Similar submissions' }).click();
    await page.waitForURL(`${server.origin}/cohorts/${cohortId}/similarity`);
    expect(await page.getByTestId('similarity-advisory').textContent()).toContain('nothing is revoked or changed automatically');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.waitForURL(/\/similarity\?checked=1$/);
    expect(await page.getByRole('status').textContent()).toContain('1 pair at or above the threshold');

    const section = page.getByRole('region', { name: 'Practical implementation' });
    const rows = section.getByTestId('similarity-pair');
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('Ada Lovelace');
    expect(row).toContain('Bea Copier');
    expect(row).not.toContain('Cy Own');
    expect(row).toMatch(/\d+\s*%/);
    expect(row).toContain('not reviewed');

    // Keyboard: the "Compare" link is reached and followed from the keyboard.
    await rows.first().getByRole('link', { name: /Compare/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/cohorts/${cohortId}/similarity/[^/?]+$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Practical implementation: (Ada Lovelace and Bea Copier|Bea Copier and Ada Lovelace)/);
    for (const side of ['side-a', 'side-b']) {
      const marks = page.getByTestId(side).locator('mark');
      expect(await marks.count()).toBeGreaterThan(10);
    }
    const fragments = await page.getByTestId('fragment-list').locator('li').allTextContents();
    expect(fragments.length).toBeGreaterThan(0);
    for (const f of fragments) expect(f).toMatch(/lines? \d+(–\d+)? of src\/release\.ts match .*lines? \d+(–\d+)? of src\/release\.ts/);
    expect(await page.getByTestId('review-state').textContent()).toBe('Not reviewed yet.');

    await page.getByLabel('Reviewed').check();
    await page.getByLabel(/^Note/).fill('Both handed in the same structure; discussed with them on Monday.');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.waitForURL(/\?saved=1$/);
    expect(await page.getByTestId('review-state').textContent()).toMatch(/^Reviewed by Teacher on /);
    expect(await page.getByLabel(/^Note/).inputValue()).toBe('Both handed in the same structure; discussed with them on Monday.');
    expect(await page.getByLabel('Reviewed').isChecked()).toBe(true);

    await page.getByRole('link', { name: /Similar submissions/ }).click();
    expect(await page.getByRole('region', { name: 'Practical implementation' }).getByTestId('similarity-pair').first().textContent()).toContain('reviewed');
    await page.close();
  });
});
