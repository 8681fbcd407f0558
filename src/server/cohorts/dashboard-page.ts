// The cohort page: the dashboard (load.ts) for a signed-in instructor or admin, with the learner
// table sorted, filtered and paged by the address's query (so it works without JavaScript), and the
// certification ladder's part: the waivable holding periods (a posted form waives or reinstates one)
// and the case studies of the cohort's learners, those waiting for sign-off first.
import type { App } from '../app.ts';
import { findAssessmentContent } from '../assessment/content.ts';
import { caseStudyPath } from '../assessment/certification-page.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { caseStudiesOfCohort } from '../db/case-studies.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { levelName } from '../../lib/ladder-names.ts';
import { getProgram } from '../content/catalog.ts';
import { cohortPeerReviewPath } from '../peer-review/cohort-page.ts';
import { changeWaiver, parseWaiverChange, waiverStates, type WaiverState } from './waivers.ts';
import { exercisesOf } from '../content/catalog.ts';
import { homeworkOf } from '../homework/access.ts';
import type { HomeworkExercise } from '../homework/rules.ts';
import type { Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { cohortAssignment, type HomeworkCounts } from '../homework/cohort-homework.ts';
import { cohortHomeworkPath } from '../homework/cohort-page.ts';
import { requireCohortAccess } from './access.ts';
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
  /** Holding periods this cohort may waive, and whether it has. */
  waivers: WaiverState[];
  /** The cohort's case studies sent for review (waiting ones first), with where to review them. */
  caseStudies: { id: string; candidateName: string; levelName: string; purpose: 'certify' | 'renew'; status: string; submittedAt: number | null; href: string }[];
  /** The cohort's final-project peer review, when its program has one. */
  peerReviewHref: string | null;
  /** Each homework exercise of the program: when it is due in this cohort, its counts, where to review it. */
  homework: { title: string; dueAt: number | null; counts: HomeworkCounts; href: string }[];
  /** Why a posted waiver change was refused; its status is the page's. */
  error: string | null;
  status: number;
  /** What a waiver change just did. */
  notice: string | null;
}

/** `request`: the page's request, for a posted waiver change (a GET renders). */
export async function cohortDashboardPage(
  app: App,
  viewer: SessionUser | null,
  cohortId: string,
  params: URLSearchParams,
  now = Date.now(),
  request: Request | null = null,
): Promise<CohortDashboardPage | SeeOther> {
  const user = requireUser(viewer);
  let error: string | null = null;
  let status = 200;
  if (request?.method === 'POST') {
    try {
      const form = await readForm(request, 4 * 1024);
      const change = parseWaiverChange({ level: form.get('level'), waived: form.get('waived') });
      const cohort = await requireCohortAccess(app.db, cohortId, user);
      await changeWaiver(app.db, user, cohort.id, (await findAssessmentContent(cohort.program))?.certification ?? null, change, now);
      return new SeeOther(`/cohorts/${encodeURIComponent(cohort.id)}?waiver=${encodeURIComponent(change.level)}&waived=${change.waived ? 1 : 0}#ladder`);
    } catch (e) {
      if (!(e instanceof HttpError) || e.status === 401 || e.status === 403 || e.status === 404) throw e;
      error = e.message;
      status = e.status;
    }
  }
  const dashboard = await loadCohortDashboard(app, cohortId, user, now);
  const query = parseTableQuery(params);
  const learners = dashboard.report.learners;
  const cohort = dashboard.report.cohort;
  const certification = (await findAssessmentContent(cohort.program))?.certification ?? null;
  const waivers = await waiverStates(app.db, cohort, certification);
  const changed = waivers.find((w) => w.level === params.get('waiver'));
  return {
    dashboard,
    query,
    table: applyTableQuery(learners, query),
    atRisk: learners.filter((l) => l.atRisk.length > 0).length,
    joinUrl: `${app.config.publicOrigin}${joinPath(cohort.joinCode)}`,
    levelNames: Object.fromEntries(certification?.levels.map((l) => [l.id, l.name]) ?? []),
    waivers,
    caseStudies: (await caseStudiesOfCohort(app.db, cohort.id, cohort.program)).map((c) => ({
      id: c.id,
      candidateName: c.candidateName,
      levelName: levelName(certification, c.level),
      purpose: c.purpose,
      status: c.status,
      submittedAt: c.submittedAt,
      href: caseStudyPath(c.id),
    })),
    peerReviewHref: (await getProgram(cohort.program))?.peerReview ? cohortPeerReviewPath(cohort.id) : null,
    homework: await homeworkRows(app.db, cohort, homeworkOf(await exercisesOf(cohort.program)), now),
    error,
    status,
    notice: changed && request?.method !== 'POST' ? `${changed.waived ? 'Waived' : 'Reinstated'}: the ${changed.months}-month wait with "${changed.requiredName}" before "${changed.levelName}" for this cohort.` : null,
  };
}

/** Each homework exercise's row of the dashboard: when it is due in the cohort, its counts, where to review it. */
async function homeworkRows(db: Db, cohort: Cohort, exercises: readonly HomeworkExercise[], now: number): Promise<CohortDashboardPage['homework']> {
  const rows: CohortDashboardPage['homework'] = [];
  for (const e of exercises) {
    const { dueAt, counts } = await cohortAssignment(db, cohort, e, now);
    rows.push({ title: e.title, dueAt, counts, href: cohortHomeworkPath(cohort.id, e.id) });
  }
  return rows;
}
