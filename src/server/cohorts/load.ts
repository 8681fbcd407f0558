// Assembles everything an instructor sees for one cohort, after checking they may see it.
import { getCollection, getEntry } from 'astro:content';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { requireCohortAccess } from '../db/cohorts.ts';
import { HttpError } from '../http.ts';
import { getOutline } from '../content/catalog.ts';
import { buildCohortReport, type CohortReport } from './report.ts';
import { componentAnalytics, exerciseAnalytics, feedbackSummary, questionMarks, type ComponentAnalytics, type ExerciseAnalytics, type FeedbackSummary } from './analytics.ts';
import { analyseItems, type ItemStatistics } from '../../lib/item-analysis.ts';

export interface CohortDashboard {
  report: CohortReport;
  exercises: ExerciseAnalytics[];
  components: ComponentAnalytics[];
  questions: ItemStatistics[];
  feedback: FeedbackSummary[];
  programTitle: string;
}

export async function loadCohortDashboard(app: App, cohortId: string, user: SessionUser, now = Date.now()): Promise<CohortDashboard> {
  const cohort = requireCohortAccess(app.db, cohortId, user);
  const outline = await getOutline(cohort.program);
  if (!outline) throw new HttpError(404, 'not_found', `The cohort's program "${cohort.program}" is no longer available.`);
  const exercises = (await getCollection('exercises', (e) => e.data.program === cohort.program && !e.data.certification)).map((e) => ({
    id: e.data.id,
    title: e.data.title,
    session: e.data.session,
    skill: e.data.skill,
  }));
  exercises.sort((a, b) => a.session - b.session || a.id.localeCompare(b.id));
  const certification = (await getEntry('certifications', cohort.program))?.data ?? null;
  const report = buildCohortReport({
    db: app.db,
    cohort,
    program: outline.program,
    lessonSessions: new Map(outline.lessons.map((l) => [l.slug, l.session.number])),
    exercises,
    now,
  });
  return {
    report,
    programTitle: outline.program.title,
    exercises: exerciseAnalytics(app.db, cohort.id, exercises),
    components: certification ? componentAnalytics(app.db, cohort.id, cohort.program, certification.components) : [],
    questions: analyseItems(questionMarks(app.db, cohort.id, cohort.program)),
    feedback: feedbackSummary(app.db, cohort.id, cohort.program),
  };
}
