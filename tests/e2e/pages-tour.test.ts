// Every page type, as the person it is for sees it, in real Chromium at 1280 px (desktop), 390 px and
// 360 px (phones): nothing is laid out wider than the screen (document.documentElement.scrollWidth
// never exceeds innerWidth; long code scrolls or wraps inside its own box), axe-core finds no serious or
// critical accessibility violation at 1280 and 390 px (and, for the colour rules, in the dark theme at 1280), and a full-page screenshot of each page at 1280
// and 390 px is saved under .tmp/screenshots/ for a person to look at after `npm test` (not under CI=true). On a phone the
// quiz's sticky timer stays a sliver of the screen, never covers the focused element, and every answer
// option is on screen.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations, type AxeViolation } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { CANDIDATE_EMAIL, INSTRUCTOR_EMAIL, SEEDED_PASSWORD, seedDataDir, type SeededData } from '../helpers/seeded-data.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { firstPairPath } from '../helpers/similarity-seed.ts';
import { reviewedHomeworkPath } from '../helpers/homework-seed.ts';

const SCREENSHOTS = join(ROOT, '.tmp', 'screenshots');
const SAVE_SCREENSHOTS = process.env['CI'] !== 'true';
const DARK_THEME_RULES = ['color-contrast', 'link-in-text-block'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 360, height: 740 };

type Who = 'anonymous' | 'learner' | 'candidate' | 'instructor' | 'reviewer';
interface PageType {
  name: string;
  who: Who;
  path: (seed: SeededData) => string | Promise<string>;
  /** Waits for what the page builds in the browser (the editor) before it is measured. */
  ready?: (page: Page) => Promise<void>;
}

const editorReady = async (page: Page) => {
  await page.getByTestId('editor').locator('.monaco-editor').waitFor({ timeout: 60_000 });
};

const PAGES: PageType[] = [
  { name: 'home', who: 'anonymous', path: () => '/' },
  { name: 'programs', who: 'anonymous', path: () => '/programs' },
  { name: 'program', who: 'learner', path: () => '/programs/clean-timestamp' },
  { name: 'lesson', who: 'learner', path: () => '/programs/clean-timestamp/welcome' },
  { name: 'session-feedback', who: 'learner', path: () => '/programs/clean-timestamp/feedback' },
  { name: 'program-feedback', who: 'learner', path: () => '/programs/clean-timestamp/feedback/program' },
  { name: 'exercise', who: 'learner', path: () => '/exercises/s1-project-entity', ready: editorReady },
  { name: 'homework', who: 'learner', path: () => '/exercises/s1-homework-entity', ready: editorReady },
  { name: 'certification', who: 'learner', path: () => '/certifications/clean-timestamp' },
  { name: 'quiz', who: 'candidate', path: (s) => `/certifications/clean-timestamp/attempts/${s.candidate.attemptId}` },
  { name: 'certification-task', who: 'candidate', path: (s) => `/exercises/${s.candidate.taskExercise}?attempt=${s.candidate.attemptId}`, ready: editorReady },
  { name: 'results', who: 'learner', path: (s) => `/certifications/clean-timestamp/attempts/${s.certified.attemptId}` },
  { name: 'practice-exam', who: 'learner', path: (s) => `/certifications/clean-timestamp/practice/${s.practiceId}` },
  { name: 'me', who: 'learner', path: () => '/me' },
  { name: 'my-account', who: 'learner', path: () => '/me/account' },
  { name: 'account-deleted', who: 'anonymous', path: () => '/account-deleted?certificates=keep-public' },
  { name: 'join', who: 'candidate', path: (s) => `/join/${s.joinCode}` },
  { name: 'verify', who: 'anonymous', path: (s) => `/verify/${s.certified.certificateId}` },
  { name: 'verify-form', who: 'anonymous', path: () => '/verify' },
  { name: 'cohorts', who: 'instructor', path: () => '/cohorts' },
  { name: 'cohort-dashboard', who: 'instructor', path: (s) => `/cohorts/${s.cohortId}` },
  { name: 'drill-down', who: 'instructor', path: (s) => `/cohorts/${s.cohortId}/learners/${s.certified.id}` },
  { name: 'facilitator', who: 'instructor', path: (s) => `/cohorts/${s.cohortId}/sessions/3` },
  { name: 'cohort-certificates', who: 'instructor', path: (s) => `/cohorts/${s.cohortId}/certificates` },
  { name: 'cohort-homework', who: 'instructor', path: (s) => `/cohorts/${s.cohortId}/homework` },
  { name: 'homework-review', who: 'instructor', path: (s) => reviewedHomeworkPath(s.dataDir, s.cohortId) },
  { name: 'cohort-similarity', who: 'instructor', path: (s) => `/cohorts/${s.cohortId}/similarity` },
  { name: 'similarity-pair', who: 'instructor', path: (s) => firstPairPath(s.dataDir, s.cohortId) },
  { name: 'case-study-review', who: 'instructor', path: (s) => `/case-studies/${s.caseStudyId}` },
  { name: 'peer-review', who: 'reviewer', path: () => '/programs/clean-timestamp/peer-review' },
  { name: 'peer-review-writing', who: 'reviewer', path: (s) => `/peer-review/${s.peerReview.openWorkId}` },
  { name: 'peer-review-reviewed', who: 'instructor', path: (s) => `/peer-review/${s.peerReview.reviewedWorkId}` },
  { name: 'cohort-peer-review', who: 'instructor', path: (s) => `/cohorts/${s.cohortId}/peer-review` },
  { name: 'login', who: 'anonymous', path: () => '/login' },
  { name: 'signup', who: 'anonymous', path: () => '/signup' },
];

let server: RunningServer;
let browser: Browser;
let seed: SeededData;
const contexts = new Map<Who, BrowserContext>();

async function contextFor(who: Who): Promise<BrowserContext> {
  let context = contexts.get(who);
  if (!context) {
    context = await browser.newContext({ viewport: DESKTOP });
    if (who !== 'anonymous') {
      const email = who === 'instructor' ? INSTRUCTOR_EMAIL : who === 'candidate' ? CANDIDATE_EMAIL : who === 'reviewer' ? seed.peerReview.reviewerEmail : seed.certified.email;
      const client = server.client();
      await client.logIn(email, SEEDED_PASSWORD);
      await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
    }
    contexts.set(who, context);
  }
  return context;
}

/** How far the page is laid out past the viewport's right edge, and the widest elements that do it. */
async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const excess = document.documentElement.scrollWidth - width;
    const culprits: string[] = [];
    if (excess > 0) {
      // Inside a box that clips or scrolls, an element cannot widen the page; an absolutely positioned one
      // escapes every such box below its containing block (its offsetParent).
      const clipped = (el: Element) => {
        const absolute = el instanceof HTMLElement && getComputedStyle(el).position === 'absolute';
        const start = absolute ? (el as HTMLElement).offsetParent : el.parentElement;
        for (let up = start; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
        return false;
      };
      const name = (el: Element) => {
        const id = el.id ? `#${el.id}` : '';
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        return `${el.tagName.toLowerCase()}${id}${cls}`;
      };
      for (const el of document.querySelectorAll('body *')) {
        const rect = el.getBoundingClientRect();
        // Text that runs out of its box (a long word) widens the page though the box fits.
        const spill = getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth - el.clientWidth : 0;
        if (spill > 1 && rect.right + spill > width + 1 && !clipped(el) && culprits.length < 6) culprits.push(`text in ${name(el)} runs ${Math.round(spill)} px out of it`);
        if (rect.right <= width + 1 || rect.width === 0 || clipped(el)) continue;
        // Report the outermost offender only: its descendants overflow with it.
        if (el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1) continue;
        culprits.push(`${name(el)} (right edge ${Math.round(rect.right)} px)`);
        if (culprits.length >= 6) break;
      }
    }
    return { excess, culprits };
  });
}

const describeViolations = (list: AxeViolation[]) => list.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => `${n.target} — ${n.summary}`).join('\n    ')}`).join('\n');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  seed = await seedDataDir();
  [server, browser] = await Promise.all([startServer({ DATA_DIR: seed.dataDir }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts.values()) await context.close();
  await browser?.close();
  await server?.stop();
  rmSync(seed?.dataDir ?? '/nonexistent', { recursive: true, force: true });
});

describe('every page type at desktop and phone widths', () => {
  it.each(PAGES.map((p) => [p.name, p] as const))('%s: fits 360 and 390 px, no serious axe violations, screenshots', async (name, type) => {
    const context = await contextFor(type.who);
    const page = await context.newPage();
    const problems: string[] = [];
    try {
      for (const viewport of [DESKTOP, PHONE, NARROW]) {
        await page.setViewportSize(viewport);
        if (viewport === NARROW) {
          // The 390 px page narrowed to 360 px, as a phone turned or a window resized does: the
          // layout is the stylesheet's (and the editor's, which follows its box), so no new load.
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        } else {
          const res = await page.goto(`${server.origin}${await type.path(seed)}`);
          expect(res?.status(), `${name} answered ${res?.status()}`).toBeLessThan(400);
          await type.ready?.(page);
        }
        const { excess, culprits } = await overflow(page);
        if (excess > 0) problems.push(`${viewport.width} px: laid out ${excess} px wider than the screen; widest: ${culprits.join(', ')}`);
        if (viewport !== NARROW) {
          const violations = await seriousViolations(page);
          if (violations.length) problems.push(`${viewport.width} px axe:\n${describeViolations(violations)}`);
          // For a person to look at after a local run; CI's runner keeps none, so it takes none.
          if (SAVE_SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}.png`), fullPage: true });
        }
        if (viewport === DESKTOP) {
          // The dark theme has its own colours: its contrast is checked too.
          await page.emulateMedia({ colorScheme: 'dark' });
          // Let what follows the theme in script (the editor) repaint first.
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          // Only colours change with the theme, so only the colour rules are run again.
          const dark = await seriousViolations(page, DARK_THEME_RULES);
          if (dark.length) problems.push(`${viewport.width} px, dark theme, axe:\n${describeViolations(dark)}`);
          await page.emulateMedia({ colorScheme: 'light' });
        }
      }
    } finally {
      await page.close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

/** Tabs down through the page and Shift+Tabs back up (where a bar stuck to the top would cover what
 * comes into view); the focused elements that ended under the quiz's sticky timer. */
async function focusUnderTimer(page: Page, presses = 80): Promise<string[]> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('body').press('Tab');
  const covered: string[] = [];
  for (const key of [...Array<string>(presses).fill('Tab'), ...Array<string>(presses).fill('Shift+Tab')]) {
    await page.keyboard.press(key);
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const rect = el.getBoundingClientRect();
      // Covered: what is drawn at the element's centre (and, for a short element, near its top edge) is a
      // sticky bar, not the element (a focused skip link drawn over the header is not covered).
      const bars = [document.querySelector('.site-header'), document.getElementById('quiz-bar')].filter(
        (b): b is Element => b !== null && !b.contains(el) && getComputedStyle(b).position === 'sticky',
      );
      const x = Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1);
      const points = [rect.top + rect.height / 2, ...(rect.height < 200 ? [rect.top + 2] : [])].filter((y) => y >= 0 && y < window.innerHeight);
      const over = points.map((y) => document.elementFromPoint(x, y)).map((hit) => bars.find((b) => hit !== null && b.contains(hit) && !el.contains(hit))).find((b) => b);
      if (!over) return null;
      const label = `${el.tagName.toLowerCase()}[${el.getAttribute('name') ?? el.textContent?.trim().slice(0, 30) ?? ''}]`;
      return `${label} at ${Math.round(rect.top)} px, under ${over.id || over.className} (bottom ${Math.round(over.getBoundingClientRect().bottom)} px)`;
    });
    if (where) covered.push(`${key}: ${where}`);
  }
  return covered;
}

describe('the quiz’s sticky timer', () => {
  it('on a phone: the header scrolls away, the timer stays a sliver, every option is on screen, nothing focused is covered', async () => {
    const context = await contextFor('candidate');
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${server.origin}/certifications/clean-timestamp/attempts/${seed.candidate.attemptId}`);
    // What stays on screen while scrolling: the timer bar alone.
    await page.evaluate(() => window.scrollTo(0, 600));
    const stuck = await page.evaluate(() =>
      Math.max(0, ...[...document.querySelectorAll('.site-header, #quiz-bar')].map((el) => (el.getBoundingClientRect().top <= 1 && el.getBoundingClientRect().bottom > 0 ? el.getBoundingClientRect().bottom : 0))),
    );
    expect(stuck).toBeGreaterThan(0);
    expect(stuck / PHONE.height).toBeLessThan(0.12);
    // Options are laid out within the screen, where they differ at the end.
    const rightmost = await page.locator('.option').evaluateAll((els) => Math.max(...els.map((el) => el.getBoundingClientRect().right)));
    expect(rightmost).toBeLessThanOrEqual(PHONE.width);
    expect(await focusUnderTimer(page)).toEqual([]);
    await page.close();
  });

  it('on a desktop, under the sticky header: nothing focused is covered', async () => {
    const context = await contextFor('candidate');
    const page = await context.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(`${server.origin}/certifications/clean-timestamp/attempts/${seed.candidate.attemptId}`);
    expect(await focusUnderTimer(page)).toEqual([]);
    await page.close();
  });
});

describe('the exercise page’s keyboard help', () => {
  it('says how to Tab out of the editor (Ctrl+M) and offers the switch itself', async () => {
    const context = await contextFor('learner');
    const page = await context.newPage();
    await page.goto(`${server.origin}/exercises/s1-project-entity`);
    const help = page.locator('details.ws-a11y');
    await help.locator('summary').click();
    expect((await help.textContent())?.replace(/\s+/g, ' ')).toMatch(/Ctrl\+M switches whether Tab indents or moves focus/);
    expect(await help.getByLabel('Tab key moves focus out of the editor').isVisible()).toBe(true);
    await page.close();
  });
});
