// The cohort page: the dashboard (load.ts) for a signed-in instructor or admin, with the learner
// table sorted, filtered and paged by the address's query (so it works without JavaScript).
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
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
}

export async function cohortDashboardPage(app: App, viewer: SessionUser | null, cohortId: string, params: URLSearchParams, now = Date.now()): Promise<CohortDashboardPage> {
  const dashboard = await loadCohortDashboard(app, cohortId, requireUser(viewer), now);
  const query = parseTableQuery(params);
  const learners = dashboard.report.learners;
  return { dashboard, query, table: applyTableQuery(learners, query), atRisk: learners.filter((l) => l.atRisk.length > 0).length };
}
