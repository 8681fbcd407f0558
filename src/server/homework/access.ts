// Who may see and review homework, decided in one place for its pages and API routes. A learner's
// homework (their submitted files and the reviews of them) is seen by the learner, on their own
// exercise page only, and by the staff of a cohort the learner is in: its instructor or an admin,
// through that cohort's pages. Anyone else asking for a cohort's homework gets what the cohort's pages
// answer (404 for an unknown cohort, 403 for a cohort that is not theirs); a learner who is not in
// the cohort, or an exercise that is not homework of its program, is a 404.
import type { SessionUser } from '../auth/roles.ts';
import { requireCohortAccess, requireCohortLearner } from '../cohorts/access.ts';
import { getExercise } from '../content/catalog.ts';
import type { Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import type { User } from '../db/users.ts';
import { HttpError } from '../http.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { isHomework, type HomeworkExercise } from './rules.ts';

type Viewer = Pick<SessionUser, 'id' | 'role'>;

/** The exercise, when it is homework of `program`; 404 otherwise. */
export async function requireHomeworkExercise(exerciseId: string, program: string): Promise<HomeworkExercise> {
  const exercise = await getExercise(exerciseId);
  if (!exercise || exercise.program !== program || !isHomework(exercise)) throw new HttpError(404, 'not_found', 'No such homework in this cohort’s program.');
  return exercise;
}

/** The cohort and its learner, for the cohort's staff only (see the module comment for the answers to anyone else). */
export async function requireHomeworkStaff(db: Db, viewer: Viewer, cohortId: string, learnerId: string): Promise<{ cohort: Cohort; learner: User }> {
  const cohort = await requireCohortAccess(db, cohortId, viewer);
  const learner = await requireCohortLearner(db, cohort, learnerId);
  return { cohort, learner };
}

/** Homework exercises of a program, in session order. */
export function homeworkOf(exercises: readonly Exercise[]): HomeworkExercise[] {
  return exercises.filter(isHomework).sort((a, b) => a.session - b.session || a.id.localeCompare(b.id));
}
