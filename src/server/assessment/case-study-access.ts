// Who may do what with a case study, decided in one place for its pages and API routes: the
// candidate reads and edits their own; staff read it and review it: an admin, or an instructor of a
// cohort of its program the candidate belongs to. Nobody reviews their own case study. Anyone else
// gets 404, so a case study's id says nothing to those who may not see it.
import type { SessionUser } from '../auth/roles.ts';
import { getCaseStudy, type CaseStudyRecord } from '../db/case-studies.ts';
import { teachesLearner } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { HttpError } from '../http.ts';

type Viewer = Pick<SessionUser, 'id' | 'role'>;

const NOT_FOUND = (): HttpError => new HttpError(404, 'not_found', 'No such case study.');

/** Staff of this case study: an admin, or the instructor of a cohort of its program the candidate is in. */
export async function isCaseStudyStaff(db: Db, viewer: Viewer, record: Pick<CaseStudyRecord, 'userId' | 'program'>): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  return viewer.role === 'instructor' && await teachesLearner(db, viewer.id, record.userId, record.program);
}

/** The case study, for its candidate or its staff; 404 for anyone else. */
export async function requireCaseStudyReader(db: Db, viewer: Viewer, id: string): Promise<CaseStudyRecord> {
  const record = await getCaseStudy(db, id);
  if (!record) throw NOT_FOUND();
  if (record.userId === viewer.id || await isCaseStudyStaff(db, viewer, record)) return record;
  throw NOT_FOUND();
}

/** The case study, for its candidate only (uploading and submitting); staff get 403, anyone else 404. */
export async function requireCaseStudyOwner(db: Db, viewer: Viewer, id: string): Promise<CaseStudyRecord> {
  const record = await requireCaseStudyReader(db, viewer, id);
  if (record.userId !== viewer.id) throw new HttpError(403, 'forbidden', 'Only the candidate can change their case study.');
  return record;
}

/** The case study, for a reviewer: its staff, never the candidate (403), and 404 for anyone who may not see it. */
export async function requireCaseStudyReviewer(db: Db, viewer: Viewer, id: string): Promise<CaseStudyRecord> {
  const record = await requireCaseStudyReader(db, viewer, id);
  if (record.userId === viewer.id) throw new HttpError(403, 'forbidden', 'You cannot review or sign off your own case study.');
  if (!await isCaseStudyStaff(db, viewer, record)) throw NOT_FOUND();
  return record;
}
