// Assembles everything an instructor sees for one cohort, after checking they may see it, with the
// program's content from the catalogue.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { requireCohortAccess } from './access.ts';
import { HttpError } from '../http.ts';
import { getCertification, getOutline, practiceExercisesOf } from '../content/catalog.ts';
import { buildCohortDashboard, type CohortDashboard } from './dashboard.ts';
import { findAssessmentContent } from '../assessment/content.ts';

export type { CohortDashboard } from './dashboard.ts';

export async function loadCohortDashboard(app: App, cohortId: string, user: SessionUser, now = Date.now()): Promise<CohortDashboard> {
  const cohort = await requireCohortAccess(app.db, cohortId, user);
  const outline = await getOutline(cohort.program);
  if (!outline) throw new HttpError(404, 'not_found', `The cohort's program "${cohort.program}" is no longer available.`);
  const exercises = (await practiceExercisesOf(cohort.program)).map((e) => ({ id: e.id, title: e.title, session: e.session, skill: e.skill }));
  exercises.sort((a, b) => a.session - b.session || a.id.localeCompare(b.id));
  const certification = await getCertification(cohort.program);
  const questions = (await findAssessmentContent(cohort.program))?.bank ?? [];
  return buildCohortDashboard(
    app.db,
    cohort,
    { program: outline.program, lessonSessions: new Map(outline.lessons.map((l) => [l.slug, l.session.number])), exercises, certification, questions },
    now,
  );
}
