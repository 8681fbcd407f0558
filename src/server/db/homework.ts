// Homework rows: the instructor reviews of homework submissions (homework_reviews) and the queries a
// cohort's homework views need over the submissions table. Who may read or write them, and what a
// valid review is, is decided in server/homework/.
import type { Db } from './open.ts';
import { named } from './named.ts';

export type HomeworkVerdict = 'accepted' | 'needs-work';
export const HOMEWORK_VERDICTS: readonly HomeworkVerdict[] = ['accepted', 'needs-work'];

export interface HomeworkReview {
  id: number;
  submissionId: string;
  /** When the submission it reviews was made. */
  submittedAt: number;
  cohortId: string | null;
  reviewerId: string | null;
  /** The reviewer's name now ('' when their account is gone). */
  reviewerName: string;
  verdict: HomeworkVerdict;
  feedback: string;
  createdAt: number;
}

/** A learner's graded practice submission of a homework exercise (queued rows and rows without a verdict left out). */
export interface HomeworkSubmission {
  id: string;
  status: 'pass' | 'fail' | 'error';
  createdAt: number;
}

interface ReviewRow {
  id: number;
  submission_id: string;
  submitted_at: number;
  cohort_id: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  verdict: HomeworkVerdict;
  feedback: string;
  created_at: number;
}

const toReview = (r: ReviewRow): HomeworkReview => ({
  id: r.id,
  submissionId: r.submission_id,
  submittedAt: r.submitted_at,
  cohortId: r.cohort_id,
  reviewerId: r.reviewer_id,
  reviewerName: r.reviewer_name ?? '',
  verdict: r.verdict,
  feedback: r.feedback,
  createdAt: r.created_at,
});

const REVIEW_COLUMNS = `r.id, r.submission_id, s.created_at AS submitted_at, r.cohort_id, r.reviewer_id,
  u.name AS reviewer_name, r.verdict, r.feedback, r.created_at`;

/** A graded practice submission: it is what an instructor can review. */
const GRADED = "s.attempt_id IS NULL AND s.status IN ('pass', 'fail', 'error') AND s.no_verdict = 0";

export async function insertHomeworkReview(
  db: Db,
  input: { submissionId: string; cohortId: string; reviewerId: string; verdict: HomeworkVerdict; feedback: string; now?: number },
): Promise<HomeworkReview> {
  const inserted = (await db.get<{ id: number }>(
    'INSERT INTO homework_reviews (submission_id, cohort_id, reviewer_id, verdict, feedback, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    input.submissionId,
    input.cohortId,
    input.reviewerId,
    input.verdict,
    input.feedback,
    input.now ?? Date.now(),
  ))!;
  const row = await db.get(`SELECT ${REVIEW_COLUMNS} FROM homework_reviews r JOIN submissions s ON s.id = r.submission_id LEFT JOIN users u ON u.id = r.reviewer_id WHERE r.id = ?`, inserted.id) as ReviewRow;
  return toReview(row);
}

/** Every review of a learner's submissions of one exercise, oldest first. */
export async function homeworkReviewsOf(db: Db, userId: string, exerciseId: string): Promise<HomeworkReview[]> {
  const rows = await db.all(`SELECT ${REVIEW_COLUMNS} FROM homework_reviews r JOIN submissions s ON s.id = r.submission_id LEFT JOIN users u ON u.id = r.reviewer_id
       WHERE s.user_id = ? AND s.exercise_id = ? ORDER BY r.created_at, r.id`, userId, exerciseId) as ReviewRow[];
  return rows.map(toReview);
}

/** A learner's graded practice submissions of one exercise, newest first. */
export async function homeworkSubmissionsOf(db: Db, userId: string, exerciseId: string): Promise<HomeworkSubmission[]> {
  return (
    await db.all(`SELECT s.id, s.status, s.created_at FROM submissions s WHERE s.user_id = ? AND s.exercise_id = ? AND ${GRADED} ORDER BY s.created_at DESC, s.id DESC`, userId, exerciseId) as { id: string; status: HomeworkSubmission['status']; created_at: number }[]
  ).map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at }));
}

/** The facts of one member's homework in a cohort's overview. */
export interface MemberHomeworkRow {
  userId: string;
  name: string;
  email: string;
  /** Graded submissions made. */
  submissions: number;
  /** The first one that passed the automatic checks: when the homework was handed in. */
  firstPassAt: number | null;
  latest: HomeworkSubmission | null;
}

/** Every member of the cohort with their submissions of the exercise, by name. */
export async function cohortHomeworkRows(db: Db, cohortId: string, exerciseId: string): Promise<MemberHomeworkRow[]> {
  const rows = await db.all(...named(`WITH subs AS (
         SELECT s.user_id, s.id, s.status, s.created_at,
                ROW_NUMBER() OVER (PARTITION BY s.user_id ORDER BY s.created_at DESC, s.id DESC) AS recent,
                COUNT(*) OVER (PARTITION BY s.user_id) AS n,
                MIN(CASE WHEN s.status = 'pass' THEN s.created_at END) OVER (PARTITION BY s.user_id) AS first_pass_at
         FROM submissions s JOIN cohort_members m ON m.user_id = s.user_id AND m.cohort_id = @cohort
         WHERE s.exercise_id = @exercise AND ${GRADED})
       SELECT u.id AS user_id, u.name, u.email,
              COALESCE(l.n, 0) AS n, l.first_pass_at, l.id AS latest_id, l.status AS latest_status, l.created_at AS latest_at
       FROM cohort_members m JOIN users u ON u.id = m.user_id
       LEFT JOIN subs l ON l.user_id = m.user_id AND l.recent = 1
       WHERE m.cohort_id = @cohort
       ORDER BY u.name COLLATE NOCASE, u.id`, { cohort: cohortId, exercise: exerciseId })) as {
    user_id: string;
    name: string;
    email: string;
    n: number;
    first_pass_at: number | null;
    latest_id: string | null;
    latest_status: HomeworkSubmission['status'] | null;
    latest_at: number | null;
  }[];
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    submissions: r.n,
    firstPassAt: r.first_pass_at,
    latest: r.latest_id && r.latest_status && r.latest_at !== null ? { id: r.latest_id, status: r.latest_status, createdAt: r.latest_at } : null,
  }));
}

/** The latest review of each member's submissions of the exercise, by learner id. */
export async function latestCohortHomeworkReviews(db: Db, cohortId: string, exerciseId: string): Promise<Map<string, HomeworkReview>> {
  const rows = await db.all(`SELECT s.user_id, ${REVIEW_COLUMNS} FROM homework_reviews r
       JOIN submissions s ON s.id = r.submission_id
       JOIN cohort_members m ON m.user_id = s.user_id AND m.cohort_id = ?
       LEFT JOIN users u ON u.id = r.reviewer_id
       WHERE s.exercise_id = ? ORDER BY r.created_at, r.id`, cohortId, exerciseId) as (ReviewRow & { user_id: string })[];
  const latest = new Map<string, HomeworkReview>();
  for (const row of rows) latest.set(row.user_id, toReview(row));
  return latest;
}
