// Who may see which cohort: instructors their own, admins all. Every cohort page and route asks here.
import type { SessionUser } from '../auth/roles.ts';
import { cohortsOwnedBy, getCohort, isCohortMember, listCohorts, type Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { getUser, type User } from '../db/users.ts';
import { HttpError } from '../http.ts';

type Viewer = Pick<SessionUser, 'id' | 'role'>;

/** The cohort, when this user may see it: 404 for an unknown id, 403 for anyone but its instructor or an admin. */
export async function requireCohortAccess(db: Db, cohortId: string, user: Viewer): Promise<Cohort> {
  const cohort = await getCohort(db, cohortId);
  if (!cohort) throw new HttpError(404, 'not_found', 'No such cohort.');
  if (user.role === 'admin' || (user.role === 'instructor' && cohort.ownerId === user.id)) return cohort;
  throw new HttpError(403, 'forbidden', 'Only the cohort’s instructor or an admin can see this cohort.');
}

/** The cohorts this user may see, newest first. */
export async function cohortsVisibleTo(db: Db, user: Viewer): Promise<Cohort[]> {
  if (user.role === 'admin') return await listCohorts(db);
  return user.role === 'instructor' ? await cohortsOwnedBy(db, user.id) : [];
}

/** A learner of a cohort the caller may already see; 404 for anyone who is not a member. */
export async function requireCohortLearner(db: Db, cohort: Cohort, learnerId: string): Promise<User> {
  const learner = await isCohortMember(db, cohort.id, learnerId) ? await getUser(db, learnerId) : null;
  if (!learner) throw new HttpError(404, 'not_found', 'This learner is not in this cohort.');
  return learner;
}
