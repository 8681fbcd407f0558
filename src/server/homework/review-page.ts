// The instructor's review of one learner's homework in a cohort: the learner's graded submissions
// (each on time or late), the chosen one's files (read-only text) and automatic checks, every review
// so far, and the form that records a verdict and feedback (a plain form post, then a redirect, so it
// works without JavaScript). Only the cohort's staff get here (access.ts).
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { getProgram } from '../content/catalog.ts';
import { homeworkReviewsOf, type HomeworkReview } from '../db/homework.ts';
import { listSubmissions, type Submission } from '../db/submissions.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { isGradeResult } from '../../lib/grade-result.ts';
import { requireHomeworkExercise, requireHomeworkStaff } from './access.ts';
import type { HomeworkExercise } from './rules.ts';
import { parseHomeworkReview, reviewHomework } from './review.ts';
import { homeworkDueAt, homeworkStanding, isLate, type HomeworkStanding } from './rules.ts';

/** Submissions listed on the page (newest first). */
const SUBMISSIONS_SHOWN = 50;

export const homeworkReviewPath = (cohortId: string, exerciseId: string, learnerId: string, submissionId?: string): string =>
  `/cohorts/${encodeURIComponent(cohortId)}/homework/${encodeURIComponent(exerciseId)}/${encodeURIComponent(learnerId)}${submissionId ? `?submission=${encodeURIComponent(submissionId)}` : ''}`;

export interface ReviewedSubmission {
  id: string;
  status: Submission['status'];
  createdAt: number;
  late: boolean;
  reviewed: boolean;
  href: string;
}

export interface HomeworkReviewData {
  cohort: { id: string; name: string };
  programTitle: string;
  exercise: { id: string; title: string; dueBeforeSession: number; editable: readonly string[] };
  learner: { id: string; name: string; email: string };
  dueAt: number | null;
  standing: HomeworkStanding;
  submissions: ReviewedSubmission[];
  /** The submission shown (the one asked for, else the latest), with its files in the exercise's order. */
  selected: (ReviewedSubmission & { files: { path: string; content: string }[]; checks: { name: string; status: string; message?: string }[]; message: string | null }) | null;
  /** Newest first. */
  reviews: (HomeworkReview & { late: boolean })[];
  /** What a refused form held, to fill it in again. */
  form: { verdict: string; feedback: string };
}

export interface HomeworkReviewPage extends HomeworkReviewData {
  status: number;
  error: string | null;
  notice: string | null;
}

/** Everything the page and GET /api/cohorts/<id>/homework/<exercise>/<learner> show; `submissionId` picks the submission. */
export async function loadHomeworkReview(app: App, user: SessionUser, cohortId: string, exerciseId: string, learnerId: string, submissionId: string | null, now = Date.now()): Promise<HomeworkReviewData> {
  const { cohort, learner } = await requireHomeworkStaff(app.db, user, cohortId, learnerId);
  const exercise = await requireHomeworkExercise(exerciseId, cohort.program);
  return reviewData(app, cohort, learner, exercise, submissionId, now);
}

async function reviewData(
  app: App,
  cohort: { id: string; name: string; program: string; sessionDates: string[] },
  learner: { id: string; name: string; email: string },
  exercise: HomeworkExercise,
  submissionId: string | null,
  now: number,
): Promise<HomeworkReviewData> {
  const dueAt = homeworkDueAt(cohort, exercise.homework.dueBeforeSession);
  const rows = (await listSubmissions(app.db, learner.id, exercise.id, SUBMISSIONS_SHOWN)).filter((s) => s.status !== 'queued' && !s.noVerdict);
  const reviews = await homeworkReviewsOf(app.db, learner.id, exercise.id);
  const reviewed = new Set(reviews.map((r) => r.submissionId));
  const listed = (s: Submission): ReviewedSubmission => ({
    id: s.id,
    status: s.status,
    createdAt: s.createdAt,
    late: isLate(s.createdAt, dueAt),
    reviewed: reviewed.has(s.id),
    href: homeworkReviewPath(cohort.id, exercise.id, learner.id, s.id),
  });
  const chosen = submissionId ? rows.find((s) => s.id === submissionId) : rows[0];
  if (submissionId && !chosen) throw new HttpError(404, 'not_found', 'This learner has no such graded submission of the homework.');
  const firstPass = rows.filter((s) => s.status === 'pass').at(-1);
  const latest = rows[0];
  const newestReview = reviews.at(-1);
  const standing = homeworkStanding(
    {
      submissions: rows.length,
      firstPassAt: firstPass?.createdAt ?? null,
      latest: latest && latest.status !== 'queued' ? { id: latest.id, status: latest.status, createdAt: latest.createdAt } : null,
      review: newestReview ?? null,
    },
    dueAt,
    now,
  );
  const order = (path: string) => {
    const i = exercise.editable.indexOf(path);
    return i < 0 ? exercise.editable.length : i;
  };
  const result = chosen && isGradeResult(chosen.result) ? chosen.result : null;
  return {
    cohort: { id: cohort.id, name: cohort.name },
    programTitle: (await getProgram(cohort.program))?.title ?? cohort.program,
    exercise: { id: exercise.id, title: exercise.title, dueBeforeSession: exercise.homework.dueBeforeSession, editable: exercise.editable },
    learner: { id: learner.id, name: learner.name, email: learner.email },
    dueAt,
    standing,
    submissions: rows.map(listed),
    selected: chosen
      ? {
          ...listed(chosen),
          files: Object.entries(chosen.files)
            .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
            .map(([path, content]) => ({ path, content })),
          checks: (result?.tests ?? []).map((t) => (t.message === undefined ? { name: t.name, status: t.status } : { name: t.name, status: t.status, message: t.message })),
          message: result?.message ?? null,
        }
      : null,
    reviews: reviews.map((r) => ({ ...r, late: isLate(r.submittedAt, dueAt) })).reverse(),
    form: { verdict: '', feedback: '' },
  };
}

const NOTICES: Record<string, string> = { reviewed: 'Review saved: the learner sees it on their homework page.' };

export async function homeworkReviewPage(
  app: App,
  viewer: SessionUser | null,
  cohortId: string,
  exerciseId: string,
  learnerId: string,
  request: Request,
  now = Date.now(),
): Promise<HomeworkReviewPage | SeeOther> {
  const user = requireUser(viewer);
  const { cohort, learner } = await requireHomeworkStaff(app.db, user, cohortId, learnerId);
  const exercise = await requireHomeworkExercise(exerciseId, cohort.program);
  const params = new URL(request.url).searchParams;
  let status = 200;
  let error: string | null = null;
  let form = { verdict: '', feedback: '' };
  let submissionId = params.get('submission');
  if (request.method === 'POST') {
    const fields = await readForm(request, 32 * 1024);
    form = { verdict: fields.get('verdict') ?? '', feedback: fields.get('feedback') ?? '' };
    submissionId = fields.get('submission') || submissionId;
    try {
      const input = parseHomeworkReview({ submissionId: fields.get('submission'), verdict: fields.get('verdict'), feedback: fields.get('feedback') });
      await reviewHomework(app.db, user, cohort, learner, exercise, input, now);
      return new SeeOther(`${homeworkReviewPath(cohort.id, exercise.id, learner.id, input.submissionId)}&done=reviewed#reviews`);
    } catch (e) {
      if (!(e instanceof HttpError) || e.status === 401) throw e;
      status = e.status;
      error = e.message;
      // A submission id that is not this learner's is shown as the latest one, with the error.
      if (e.status === 404) submissionId = null;
    }
  }
  const data = await reviewData(app, cohort, learner, exercise, submissionId, now);
  const done = request.method === 'GET' ? params.get('done') : null;
  return { ...data, form, status, error, notice: done ? (NOTICES[done] ?? null) : null };
}
