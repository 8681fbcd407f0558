// When homework is due and where a learner's homework stands, decided in one place for every view
// (the learner's exercise page, the cohort's homework list, the review page, the dashboard).
// Homework is due before the session exercise.json names (homework.dueBeforeSession): at the start
// (00:00 UTC) of the cohort's date for that session, since sessions have dates but no times. It is
// handed in by the first submission that passes the automatic checks; one after the due date is
// late. A cohort without a date for that session has no due date, and nothing is late.
import type { Cohort } from '../db/cohorts.ts';
import type { HomeworkReview, HomeworkSubmission } from '../db/homework.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';

export type HomeworkExercise = Exercise & { homework: { dueBeforeSession: number } };

/** Homework is an exercise.json with "homework" (content:check keeps certification tasks out of it). */
export const isHomework = (exercise: Exercise): exercise is HomeworkExercise => exercise.homework !== undefined && !exercise.certification;

export type HandIn = 'not-submitted' | 'checks-failing' | 'on-time' | 'late';
export type ReviewState = 'not-reviewed' | 'accepted' | 'needs-work' | 'updated-since-review';

export const HAND_IN_LABELS: Readonly<Record<HandIn, string>> = {
  'not-submitted': 'not handed in',
  'checks-failing': 'submitted, checks failing',
  'on-time': 'handed in on time',
  late: 'handed in late',
};

export const REVIEW_LABELS: Readonly<Record<ReviewState, string>> = {
  'not-reviewed': 'not reviewed yet',
  accepted: 'accepted',
  'needs-work': 'needs another pass',
  'updated-since-review': 'resubmitted since the review',
};

export const VERDICT_LABELS: Readonly<Record<HomeworkReview['verdict'], string>> = { accepted: 'Accepted', 'needs-work': 'Needs another pass' };

/** The instant homework is due in a cohort, or null when the cohort has no date for that session. */
export function homeworkDueAt(cohort: Pick<Cohort, 'sessionDates'>, dueBeforeSession: number): number | null {
  const date = cohort.sessionDates[dueBeforeSession - 1];
  if (date === undefined) return null;
  const at = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(at) ? null : at;
}

export const isLate = (at: number, dueAt: number | null): boolean => dueAt !== null && at >= dueAt;

export interface HomeworkFacts {
  submissions: number;
  firstPassAt: number | null;
  latest: HomeworkSubmission | null;
  /** The newest review of any of the learner's submissions of the exercise. */
  review: Pick<HomeworkReview, 'submissionId' | 'verdict' | 'createdAt'> | null;
}

export interface HomeworkStanding {
  handIn: HandIn;
  /** When it was handed in (the first passing submission). */
  handedInAt: number | null;
  /** Past the due date and not handed in. */
  overdue: boolean;
  review: ReviewState;
  /** It has a submission the instructor has not reviewed yet. */
  toReview: boolean;
}

export function homeworkStanding(facts: HomeworkFacts, dueAt: number | null, now: number): HomeworkStanding {
  const handIn: HandIn =
    facts.submissions === 0 || facts.latest === null ? 'not-submitted' : facts.firstPassAt === null ? 'checks-failing' : isLate(facts.firstPassAt, dueAt) ? 'late' : 'on-time';
  const overdue = (handIn === 'not-submitted' || handIn === 'checks-failing') && dueAt !== null && now >= dueAt;
  let review: ReviewState = 'not-reviewed';
  if (facts.review) {
    // The latest submission is the newest: when the review is of another one, the learner has moved on.
    review = facts.latest !== null && facts.latest.id !== facts.review.submissionId ? 'updated-since-review' : facts.review.verdict;
  }
  return { handIn, handedInAt: facts.firstPassAt, overdue, review, toReview: handIn !== 'not-submitted' && (review === 'not-reviewed' || review === 'updated-since-review') };
}
