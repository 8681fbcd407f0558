// The cohort page: the dashboard (load.ts) for a signed-in instructor or admin, with the learner
// table sorted, filtered and paged by the address's query (so it works without JavaScript).
import type { App } from '../app.ts';
import { findAssessmentContent } from '../assessment/content.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { joinPath } from './join-page.ts';
import { loadCohortDashboard, type CohortDashboard } from './load.ts';
import type { LearnerRow } from './report.ts';
import { applyTableQuery, parseTableQuery, type TableQuery } from './table.ts';

export interface CohortDashboardPage {
  dashboard: CohortDashboard;
  query: TableQuery;
  /** The learner table page the query asks for. */
  table: { rows: LearnerRow[]; total: number; pages: number };
  /** Learners with at least one at-risk flag. */
  atRisk: number;
  /** The join link to share, on PUBLIC_ORIGIN (never the host a request happened to use). */
  joinUrl: string;
  /** Certification level names by id (the table shows a certified learner's level by name). */
  levelNames: Readonly<Record<string, string>>;
}

export async function cohortDashboardPage(app: App, viewer: SessionUser | null, cohortId: string, params: URLSearchParams, now = Date.now()): Promise<CohortDashboardPage> {
  const dashboard = await loadCohortDashboard(app, cohortId, requireUser(viewer), now);
  const query = parseTableQuery(params);
  const learners = dashboard.report.learners;
  return {
    dashboard,
    query,
    table: applyTableQuery(learners, query),
    atRisk: learners.filter((l) => l.atRisk.length > 0).length,
    joinUrl: `${app.config.publicOrigin}${joinPath(dashboard.report.cohort.joinCode)}`,
    levelNames: Object.fromEntries((await findAssessmentContent(dashboard.report.cohort.program))?.certification.levels.map((l) => [l.id, l.name]) ?? []),
  };
}
