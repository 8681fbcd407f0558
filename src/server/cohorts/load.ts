// Assembles everything an instructor sees for one cohort, after checking they may see it, with the
// program's content from the Astro collections.
import { getCollection, getEntry } from 'astro:content';
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { requireCohortAccess } from './access.ts';
import { HttpError } from '../http.ts';
import { getOutline } from '../content/catalog.ts';
import { buildCohortDashboard, type CohortDashboard } from './dashboard.ts';

export type { CohortDashboard } from './dashboard.ts';

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
  return buildCohortDashboard(
    app.db,
    cohort,
    { program: outline.program, lessonSessions: new Map(outline.lessons.map((l) => [l.slug, l.session.number])), exercises, certification },
    now,
  );
}
