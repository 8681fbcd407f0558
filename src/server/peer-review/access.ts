// Who may see and do what with a work under peer review, decided in one place for its pages and API
// routes. A work is seen by its author, by its assigned reviewers (their own review only) and by its
// staff: an admin, the instructor of the cohort a final project was sent in, or the staff of a case
// study (its candidate's cohort instructors, case-study-access.ts). The author reads submitted reviews
// only; staff read every submitted review and rate them. Anyone else gets 404, so a work's id says
// nothing to those who may not see it.
import type { SessionUser } from '../auth/roles.ts';
import { isCaseStudyStaff } from '../assessment/case-study-access.ts';
import { getCohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { assignmentOf, getWork, type AssignmentRecord, type WorkRecord } from '../db/peer-reviews.ts';
import { HttpError } from '../http.ts';

type Viewer = Pick<SessionUser, 'id' | 'role'>;

export interface WorkAccess {
  work: WorkRecord;
  /** The viewer wrote the work. */
  author: boolean;
  /** The viewer's own assignment on it, if they review it. */
  assignment: AssignmentRecord | null;
  /** The viewer is its instructor (or an admin): sees every review and rates them. */
  staff: boolean;
}

const NOT_FOUND = (): HttpError => new HttpError(404, 'not_found', 'No such work under review.');

/** Staff of a work: an admin; for a final project the instructor of its cohort; for a case study its staff. */
export async function isWorkStaff(db: Db, viewer: Viewer, work: Pick<WorkRecord, 'kind' | 'cohortId' | 'authorId' | 'program'>): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  if (viewer.role !== 'instructor') return false;
  if (work.kind === 'case-study') return isCaseStudyStaff(db, viewer, { userId: work.authorId, program: work.program });
  return work.cohortId !== null && (await getCohort(db, work.cohortId))?.ownerId === viewer.id;
}

/** The work and what the viewer is to it; 404 for anyone who is neither its author, a reviewer of it, nor its staff. */
export async function requireWorkAccess(db: Db, viewer: Viewer, workId: string): Promise<WorkAccess> {
  const work = await getWork(db, workId);
  if (!work) throw NOT_FOUND();
  const access: WorkAccess = { work, author: work.authorId === viewer.id, assignment: await assignmentOf(db, work.id, viewer.id), staff: await isWorkStaff(db, viewer, work) };
  if (!access.author && !access.assignment && !access.staff) throw NOT_FOUND();
  return access;
}

/** The viewer's own review of the work: 403 for its author or staff who are not assigned to it, 404 for anyone else. */
export async function requireOwnReview(db: Db, viewer: Viewer, workId: string): Promise<WorkAccess & { assignment: AssignmentRecord }> {
  const access = await requireWorkAccess(db, viewer, workId);
  if (!access.assignment) {
    throw new HttpError(403, 'forbidden', access.author ? 'You cannot review your own work.' : 'You are not assigned to review this work.');
  }
  return { ...access, assignment: access.assignment };
}

/** The work, for its staff: 403 for its author and reviewers, 404 for anyone else. */
export async function requireWorkStaff(db: Db, viewer: Viewer, workId: string): Promise<WorkAccess> {
  const access = await requireWorkAccess(db, viewer, workId);
  if (!access.staff) throw new HttpError(403, 'forbidden', 'Only the instructor of this work’s cohort or an admin can do this.');
  return access;
}

/** What of an assignment the viewer may read: its reviewer everything of their own; the author and staff a submitted review. */
export function mayReadReview(access: Pick<WorkAccess, 'author' | 'staff' | 'assignment'>, review: Pick<AssignmentRecord, 'id' | 'status'>): boolean {
  if (access.assignment?.id === review.id) return true;
  return review.status === 'submitted' && (access.author || access.staff);
}
