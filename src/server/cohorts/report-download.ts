// The cohort report PDF as a download: the dashboard (which checks the caller may see the cohort),
// the certification's level names, rendered by report-pdf.ts, with a file name from the cohort's.
import { join } from 'node:path';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { findAssessmentContent } from '../assessment/content.ts';
import { loadCohortDashboard } from './load.ts';
import { renderCohortReportPdf, reportPdfFileName } from './report-pdf.ts';

export async function cohortReportDownload(app: App, user: SessionUser, cohortId: string): Promise<{ bytes: Uint8Array; fileName: string }> {
  const dashboard = await loadCohortDashboard(app, cohortId, user);
  const levels = (await findAssessmentContent(dashboard.report.cohort.program))?.certification.levels ?? [];
  const bytes = await renderCohortReportPdf(dashboard, {
    fontDir: join(app.config.projectRoot, 'assets/fonts'),
    levelNames: Object.fromEntries(levels.map((l) => [l.id, l.name])),
  });
  return { bytes, fileName: reportPdfFileName(dashboard.report.cohort.name) };
}
