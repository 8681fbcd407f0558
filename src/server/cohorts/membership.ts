// Joining a cohort with the code its instructor shares (at sign-up or later).
import { addCohortMember, findCohortByCode, type Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { HttpError } from '../http.ts';

/** Adds the user to the cohort with this join code; joining twice is harmless. */
export function joinCohortByCode(db: Db, code: string, userId: string, now = Date.now()): Cohort {
  const cohort = findCohortByCode(db, code);
  if (!cohort) {
    throw new HttpError(400, 'unknown_cohort_code', `No cohort has the join code "${code}". Check the code with your instructor.`, {
      details: { field: 'cohortCode' },
    });
  }
  addCohortMember(db, cohort.id, userId, now);
  return cohort;
}
