// Joining a cohort with the code its instructor shares (at sign-up, or later by a signed-in learner from
// the join link or the form on /me) and leaving one. Codes are the only secret a cohort has, so codes
// that name no cohort are counted per account and refused past a limit, like wrong sign-up codes.
import { consume, isLimited, type RateLimitRule } from '../auth/rate-limit.ts';
import type { SessionUser } from '../auth/roles.ts';
import { addCohortMember, findCohortByCode, getCohort, isCohortMember, removeCohortMember, type Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { HttpError } from '../http.ts';
import { plural } from '../../lib/format.ts';

/** Codes that name no cohort, per account: enough for typos, far too few to guess an 8-letter code. */
export const JOIN_MISS_RULE: RateLimitRule = { bucket: 'join-miss', limit: 10, windowMs: 60 * 60_000 };
/** Join codes are 8 letters and digits (db/cohorts.ts); anything much longer is not a code. */
const MAX_CODE_LENGTH = 32;

function unknownCode(code: string): HttpError {
  return new HttpError(400, 'unknown_cohort_code', `No cohort has the join code "${code}". Check the code with your instructor.`, {
    details: { field: 'cohortCode' },
  });
}

/** Adds the user to the cohort with this join code; joining twice is harmless. */
export async function joinCohortByCode(db: Db, code: string, userId: string, now = Date.now()): Promise<Cohort> {
  const cohort = await findCohortByCode(db, code);
  if (!cohort) throw unknownCode(code);
  await addCohortMember(db, cohort.id, userId, now);
  return cohort;
}

/**
 * The cohort a signed-in learner's code names, counting a miss against their allowance: 400 for an
 * empty or unknown code, 429 (with Retry-After) once too many codes named no cohort, 403 for staff
 * (instructors and admins create and see cohorts; they do not join them as learners).
 */
export async function cohortForCode(db: Db, user: Pick<SessionUser, 'id' | 'role'>, rawCode: unknown, now = Date.now()): Promise<Cohort> {
  if (user.role !== 'learner') {
    throw new HttpError(403, 'forbidden', 'Only learner accounts join cohorts; instructors and admins see theirs under Cohorts.');
  }
  const code = typeof rawCode === 'string' ? rawCode.trim() : '';
  if (!code) throw new HttpError(400, 'invalid_input', 'Enter the join code your instructor gave you.', { details: { field: 'cohortCode' } });
  const limited = await isLimited(db, JOIN_MISS_RULE, user.id, now);
  if (!limited.ok) {
    throw new HttpError(429, 'rate_limited', `Too many codes that match no cohort. Try again in ${plural(Math.ceil(limited.retryAfterSeconds / 60), 'minute')}, or check the code with your instructor.`, {
      headers: { 'retry-after': String(limited.retryAfterSeconds) },
      details: { field: 'cohortCode' },
    });
  }
  const cohort = code.length <= MAX_CODE_LENGTH ? await findCohortByCode(db, code) : null;
  if (!cohort) {
    await consume(db, JOIN_MISS_RULE, user.id, now);
    throw unknownCode(code.slice(0, MAX_CODE_LENGTH));
  }
  return cohort;
}

/** A signed-in learner joins with a code (see cohortForCode); joining a cohort they are in changes nothing. */
export async function joinWithCode(db: Db, user: Pick<SessionUser, 'id' | 'role'>, rawCode: unknown, now = Date.now()): Promise<{ cohort: Cohort; alreadyMember: boolean }> {
  const cohort = await cohortForCode(db, user, rawCode, now);
  const alreadyMember = await isCohortMember(db, cohort.id, user.id);
  if (!alreadyMember) await addCohortMember(db, cohort.id, user.id, now);
  return { cohort, alreadyMember };
}

/** The learner leaves a cohort they are in (404 otherwise). Their progress is theirs and stays. */
export async function leaveCohort(db: Db, user: Pick<SessionUser, 'id'>, cohortId: unknown): Promise<Cohort> {
  const cohort = typeof cohortId === 'string' ? await getCohort(db, cohortId) : null;
  if (!cohort || !await removeCohortMember(db, cohort.id, user.id)) throw new HttpError(404, 'not_found', 'You are not in this cohort.');
  return cohort;
}
