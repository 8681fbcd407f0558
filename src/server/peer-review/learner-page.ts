// A learner's peer review page in a program: sending their final project for review (once a
// submission of it passes, and they are in a cohort), where its reviews stand and a link to read them,
// and the reviews assigned to them (final projects of their cohort, and case studies when they hold a
// level that reviews them). Sending is a plain form post.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { assignmentsOfReviewer, assignmentsOfWork, exerciseWorkOf, latestPassingSubmission, type AssignmentStatus, type WorkKind } from '../db/peer-reviews.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import type { ReviewRubric } from '../../lib/schemas/peer-review.ts';
import { requirePeerReviewSettings } from './rubric.ts';
import { reviewCohortOf, sendForReview } from './rounds.ts';
import { workPath } from './work-page.ts';

export const learnerPeerReviewPath = (program: string): string => `/programs/${program}/peer-review`;

export type ProjectState = 'no-cohort' | 'not-passed' | 'ready' | 'sent';

export interface LearnerPeerReviewPage {
  programId: string;
  programTitle: string;
  exercise: { id: string; title: string; href: string };
  instructions: string;
  rubric: ReviewRubric;
  wanted: number;
  dueDays: number;
  cohortName: string | null;
  state: ProjectState;
  /** When the passing submission that would be sent was made. */
  passedAt: number | null;
  work: {
    href: string;
    sentAt: number;
    assigned: number;
    submitted: { reviewerName: string; submittedAt: number }[];
    /** Fewer reviewers than asked for: why, and what happens next. */
    waiting: string | null;
  } | null;
  tasks: { href: string; kind: WorkKind; authorName: string; status: AssignmentStatus; dueAt: number; late: boolean; submittedAt: number | null }[];
  status: number;
  error: string | null;
  notice: string | null;
}

export async function peerReviewLearnerPage(app: App, viewer: SessionUser | null, programId: string, request: Request, now = Date.now()): Promise<LearnerPeerReviewPage | SeeOther> {
  const user = requireUser(viewer);
  const { programTitle, settings, exerciseTitle } = await requirePeerReviewSettings(programId);
  let status = 200;
  let error: string | null = null;
  if (request.method === 'POST') {
    const form = await readForm(request, 8 * 1024);
    try {
      if (form.get('action') !== 'send') throw new HttpError(400, 'invalid_input', 'Send your project for review with the button on this page.');
      await sendForReview(app.db, user, programId, settings, now);
      return new SeeOther(`${learnerPeerReviewPath(programId)}?done=sent`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      ({ status } = e);
      error = e.message;
    }
  }
  const cohort = await reviewCohortOf(app.db, user.id, programId);
  const passing = await latestPassingSubmission(app.db, user.id, settings.exercise);
  const mine = cohort ? await exerciseWorkOf(app.db, user.id, settings.exercise, cohort.id) : null;
  let work: LearnerPeerReviewPage['work'] = null;
  if (mine) {
    const assignments = await assignmentsOfWork(app.db, mine.id);
    const short = settings.reviewers - assignments.length;
    work = {
      href: workPath(mine.id),
      sentAt: mine.createdAt,
      assigned: assignments.length,
      submitted: assignments.filter((a) => a.status === 'submitted').map((a) => ({ reviewerName: a.reviewerName, submittedAt: a.submittedAt ?? a.updatedAt })),
      waiting:
        short > 0
          ? `${assignments.length} of ${settings.reviewers} reviewers so far. Reviewers are learners of your cohort who have sent their project too; more are assigned as others send theirs, and your instructor, who sees this, can review it in a peer’s place.`
          : null,
    };
  }
  const state: ProjectState = mine ? 'sent' : !cohort ? 'no-cohort' : !passing ? 'not-passed' : 'ready';
  const done = request.method === 'GET' ? new URL(request.url).searchParams.get('done') : null;
  return {
    programId,
    programTitle,
    exercise: { id: settings.exercise, title: exerciseTitle, href: `/exercises/${settings.exercise}` },
    instructions: settings.instructions,
    rubric: settings.rubric,
    wanted: settings.reviewers,
    dueDays: settings.dueDays,
    cohortName: cohort?.name ?? null,
    state,
    passedAt: passing?.createdAt ?? null,
    work,
    tasks: (await assignmentsOfReviewer(app.db, user.id, programId)).map((a) => ({
      href: workPath(a.workId),
      kind: a.work.kind,
      authorName: a.work.authorName,
      status: a.status,
      dueAt: a.dueAt,
      submittedAt: a.submittedAt,
      late: a.submittedAt === null ? now > a.dueAt : a.submittedAt > a.dueAt,
    })),
    status,
    error,
    notice: done === 'sent' ? 'Sent for review. Your reviewers see the files of that passing submission; later submissions do not change them.' : null,
  };
}
