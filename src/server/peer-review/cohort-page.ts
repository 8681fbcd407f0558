// The instructor's view of a cohort's final-project peer review: every project sent with its
// reviewers and where each review stands (on time, late, overdue), projects short of reviewers (with
// the instructor stepping in as one), who has not sent theirs, and the quality of each reviewer's
// work: reviews done on time, line comments written, and the instructor's helpfulness ratings. Built
// from grouped queries over the cohort's pool (no query per learner).
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { requireCohortAccess } from '../cohorts/access.ts';
import { assignmentsOfPool, commentCountsOfPool, membersNotSent, poolWorks, reviewerStatsOfPool, type AssignmentRecord } from '../db/peer-reviews.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { requirePeerReviewSettings } from './rubric.ts';
import { standInAsReviewer } from './rounds.ts';
import { workPath } from './work-page.ts';

export const cohortPeerReviewPath = (cohortId: string): string => `/cohorts/${cohortId}/peer-review`;

export type ReviewState = 'assigned' | 'draft' | 'on-time' | 'late' | 'overdue';

/** Where a review stands: submitted on time or late; not submitted and past due (overdue); in progress; not started. */
export function reviewState(a: Pick<AssignmentRecord, 'status' | 'submittedAt' | 'dueAt'>, now: number): ReviewState {
  if (a.status === 'submitted') return (a.submittedAt ?? 0) <= a.dueAt ? 'on-time' : 'late';
  if (now > a.dueAt) return 'overdue';
  return a.status;
}

export interface CohortPeerReviewPage {
  cohort: { id: string; name: string };
  programTitle: string;
  exerciseTitle: string;
  wanted: number;
  dueDays: number;
  summary: { members: number; sent: number; assigned: number; submitted: number; overdue: number; short: number };
  works: {
    id: string;
    href: string;
    authorName: string;
    /** The author left the cohort: their project is out of the ring (started reviews stay). */
    member: boolean;
    sentAt: number;
    reviewers: { name: string; role: AssignmentRecord['role']; state: ReviewState; dueAt: number; submittedAt: number | null; comments: number; helpfulness: number | null }[];
    short: number;
    /** The viewer may review it in a peer's place. */
    canStandIn: boolean;
  }[];
  notSent: { name: string; passed: boolean }[];
  reviewers: { name: string; role: AssignmentRecord['role']; assigned: number; submitted: number; onTime: number; comments: number; rated: number; helpfulness: number | null }[];
  status: number;
  error: string | null;
}

export async function peerReviewCohortPage(app: App, viewer: SessionUser | null, cohortId: string, request: Request, now = Date.now()): Promise<CohortPeerReviewPage | SeeOther> {
  const user = requireUser(viewer);
  const cohort = await requireCohortAccess(app.db, cohortId, user);
  const { programTitle, settings, exerciseTitle } = await requirePeerReviewSettings(cohort.program);
  let status = 200;
  let error: string | null = null;
  if (request.method === 'POST') {
    const form = await readForm(request, 8 * 1024);
    try {
      if (form.get('action') !== 'stand-in') throw new HttpError(400, 'invalid_input', 'Choose a project to review in a peer’s place.');
      const workId = form.get('work') ?? '';
      if (!(await poolWorks(app.db, cohort.id, settings.exercise)).some((w) => w.id === workId)) throw new HttpError(404, 'not_found', 'This cohort has no such project under review.');
      await standInAsReviewer(app.db, user, workId, settings, now);
      return new SeeOther(workPath(workId));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      ({ status } = e);
      error = e.message;
    }
  }
  const works = await poolWorks(app.db, cohort.id, settings.exercise);
  const assignments = await assignmentsOfPool(app.db, cohort.id, settings.exercise);
  const comments = await commentCountsOfPool(app.db, cohort.id, settings.exercise);
  const byWork = new Map<string, AssignmentRecord[]>();
  for (const a of assignments) byWork.set(a.workId, [...(byWork.get(a.workId) ?? []), a]);
  const notSent = await membersNotSent(app.db, cohort.id, settings.exercise);
  const rows = works.map((w) => {
    const mine = byWork.get(w.id) ?? [];
    const short = Math.max(0, settings.reviewers - mine.length);
    return {
      id: w.id,
      href: workPath(w.id),
      authorName: w.authorName,
      member: w.member,
      sentAt: w.createdAt,
      reviewers: mine.map((a) => ({ name: a.reviewerName, role: a.role, state: reviewState(a, now), dueAt: a.dueAt, submittedAt: a.submittedAt, comments: comments.get(a.id) ?? 0, helpfulness: a.helpfulness })),
      short,
      canStandIn: short > 0 && w.authorId !== user.id && !mine.some((a) => a.reviewerId === user.id),
    };
  });
  return {
    cohort: { id: cohort.id, name: cohort.name },
    programTitle,
    exerciseTitle,
    wanted: settings.reviewers,
    dueDays: settings.dueDays,
    summary: {
      members: works.filter((w) => w.member).length + notSent.length,
      sent: works.length,
      assigned: assignments.length,
      submitted: assignments.filter((a) => a.status === 'submitted').length,
      overdue: assignments.filter((a) => reviewState(a, now) === 'overdue').length,
      short: rows.filter((r) => r.short > 0).length,
    },
    works: rows,
    notSent: notSent.map((m) => ({ name: m.name, passed: m.passed })),
    reviewers: (await reviewerStatsOfPool(app.db, cohort.id, settings.exercise)).map((r) => ({
      name: r.name,
      role: r.role,
      assigned: r.assigned,
      submitted: r.submitted,
      onTime: r.onTime,
      comments: r.comments,
      rated: r.rated,
      helpfulness: r.rated === 0 ? null : r.helpfulnessSum / r.rated,
    })),
    status,
    error,
  };
}
