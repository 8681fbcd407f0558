// The cohort report PDF on edge cases the 300-learner HTTP test does not reach: a cohort nobody has
// joined yet (no blank page, the sections still there), long names and addresses that must wrap
// inside their column, and the same report rendering the same bytes.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildCohortDashboard } from '../../../src/server/cohorts/dashboard.ts';
import { renderCohortReportPdf, reportPdfFileName } from '../../../src/server/cohorts/report-pdf.ts';
import { demoContent, seedDemoCohort } from '../../../scripts/lib/demo-cohort.ts';
import { recordSolutionView } from '../../../src/server/db/drafts.ts';
import { extractTextRuns } from '../../helpers/pdf-inspect.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const root = join(import.meta.dirname, '../../..');
const NOW = Date.parse('2026-11-23T12:00:00Z');
const fontDir = join(root, 'assets/fonts');
let t: TempDb | undefined;
afterEach(() => t?.cleanup());

async function render(learners: number, rename?: (db: TempDb['db']) => void): Promise<{ pdf: PDFDocument; bytes: Uint8Array; again: Uint8Array }> {
  t = await tempDb();
  const { cohort } = await seedDemoCohort(t.db, root, { learners, passwordHash: 'x', seed: 5, now: NOW, instructorEmail: 'i@example.com', cohortName: 'Édition spéciale 2026' });
  rename?.(t.db);
  const dashboard = await buildCohortDashboard(t.db, cohort, demoContent(root).dashboard, NOW);
  const bytes = await renderCohortReportPdf(dashboard, { fontDir });
  const again = await renderCohortReportPdf(dashboard, { fontDir });
  return { pdf: await PDFDocument.load(bytes), bytes, again };
}

describe('the cohort report PDF', { timeout: 60_000 }, () => {
  it('for a cohort nobody has joined: every section, one page, numbered, and the same bytes each time', async () => {
    const { pdf, bytes, again } = await render(0);
    expect(pdf.getPageCount()).toBe(1);
    const text = extractTextRuns(pdf, pdf.getPage(0)).join(' ');
    for (const part of ['Cohort report: Édition spéciale 2026', 'KPIs against targets', 'Competency by skill area', 'Progress by session', 'Learners (0)', 'No learner has joined this cohort yet.', 'Page 1 of 1']) {
      expect(text).toContain(part);
    }
    expect(Buffer.from(bytes).equals(Buffer.from(again))).toBe(true);
  });

  it('wraps a long name and address inside their columns instead of cutting them off', async () => {
    const name = 'Maximiliana Papadopoulou-Ålander Σταυρούλα Петрова';
    const email = 'maximiliana.papadopoulou.alander.stavroula.petrova@very-long-department.example.org';
    const { pdf } = await render(3, (db) => db.run("UPDATE users SET name = ?, email = ? WHERE substr(email, 1, 9) = 'learner1.'", name, email));
    const runs = pdf.getPages().flatMap((page) => extractTextRuns(pdf, page));
    const bare = (text: string) => text.replace(/\s+/g, '');
    expect(runs.join('')).toContain(email);
    expect(bare(runs.join(''))).toContain(bare(name));
    // Wrapped: no single drawn line holds the whole address or name.
    expect(runs.some((r) => r.includes(email))).toBe(false);
    expect(runs.some((r) => r.includes(name))).toBe(false);
  });

  it('lists the solutions a learner opened, by exercise title', async () => {
    const { pdf } = await render(20, async (db) => {
      const id = (await db.get("SELECT id FROM users WHERE substr(email, 1, 9) = 'learner2.'") as { id: string }).id;
      await recordSolutionView(db, id, 's1-project-entity', NOW);
    });
    const text = pdf.getPages().flatMap((page) => extractTextRuns(pdf, page)).join(' ');
    expect(text).toContain('Solutions viewed');
    const title = demoContent(root).dashboard.exercises.find((e) => e.id === 's1-project-entity')?.title ?? '?';
    expect(text.replace(/\s+/g, ' ')).toContain(title);
    expect(text).not.toContain('s1-project-entity');
  });

  it('names the download after the cohort', () => {
    expect(reportPdfFileName('Spring cohort (2026)')).toBe('spring-cohort-2026-report.pdf');
    expect(reportPdfFileName('Петров')).toBe('cohort-report.pdf');
  });
});
