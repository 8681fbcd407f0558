// An instructor's review of a homework submission: a verdict ("accepted", or "needs-work": another
// pass) and written feedback the learner reads on the exercise page. Input is checked here, each
// problem a 4xx naming the field; the caller has checked the reviewer is staff of the learner's cohort.
import type { Cohort } from '../db/cohorts.ts';
import { HOMEWORK_VERDICTS, homeworkSubmissionsOf, insertHomeworkReview, type HomeworkReview, type HomeworkVerdict } from '../db/homework.ts';
import type { Db } from '../db/open.ts';
import type { User } from '../db/users.ts';
import { HttpError } from '../http.ts';
import type { HomeworkExercise } from './rules.ts';

export const MAX_HOMEWORK_FEEDBACK = 4000;

export interface HomeworkReviewInput {
  submissionId: string;
  verdict: HomeworkVerdict;
  feedback: string;
}

const invalid = (field: string, message: string): HttpError => new HttpError(400, 'invalid_input', message, { details: { field } });

/** Checks a review as it arrives (form fields or JSON values). */
export function parseHomeworkReview(input: { submissionId: unknown; verdict: unknown; feedback: unknown }): HomeworkReviewInput {
  if (typeof input.submissionId !== 'string' || input.submissionId.trim() === '') throw invalid('submissionId', 'Choose the submission you are reviewing.');
  if (typeof input.verdict !== 'string' || !HOMEWORK_VERDICTS.includes(input.verdict as HomeworkVerdict)) {
    throw invalid('verdict', 'Choose a verdict: accepted, or needs another pass.');
  }
  if (typeof input.feedback !== 'string' || input.feedback.trim() === '') throw invalid('feedback', 'Write your feedback to the learner.');
  const feedback = input.feedback.replace(/\r\n?/g, '\n').trim();
  if (feedback.length > MAX_HOMEWORK_FEEDBACK) throw invalid('feedback', `Keep the feedback under ${MAX_HOMEWORK_FEEDBACK.toLocaleString('en')} characters.`);
  return { submissionId: input.submissionId.trim(), verdict: input.verdict as HomeworkVerdict, feedback };
}

/** Stores the review of one of the learner's graded submissions of the homework. */
export async function reviewHomework(
  db: Db,
  reviewer: Pick<User, 'id'>,
  cohort: Cohort,
  learner: Pick<User, 'id'>,
  exercise: HomeworkExercise,
  input: HomeworkReviewInput,
  now = Date.now(),
): Promise<HomeworkReview> {
  if (reviewer.id === learner.id) throw new HttpError(403, 'forbidden', 'You cannot review your own homework.');
  const submission = (await homeworkSubmissionsOf(db, learner.id, exercise.id)).find((s) => s.id === input.submissionId);
  if (!submission) throw new HttpError(404, 'not_found', 'This learner has no such graded submission of the homework.', { details: { field: 'submissionId' } });
  return await insertHomeworkReview(db, { submissionId: submission.id, cohortId: cohort.id, reviewerId: reviewer.id, verdict: input.verdict, feedback: input.feedback, now });
}
