// A learner's own homework, as their exercise page and GET /api/exercises/<id>/homework show it: when
// it is due (the learner's cohorts of the program, the earliest date first: a learner in two cohorts is
// held to the first), where it stands, and every review of their submissions, newest first. It only
// ever reads the signed-in learner's own rows.
import { cohortsOfMember } from '../db/cohorts.ts';
import { homeworkReviewsOf, homeworkSubmissionsOf } from '../db/homework.ts';
import type { Db } from '../db/open.ts';
import type { HomeworkExercise } from './rules.ts';
import { HAND_IN_LABELS, REVIEW_LABELS, VERDICT_LABELS, homeworkDueAt, homeworkStanding, isLate, type HomeworkStanding } from './rules.ts';

export interface LearnerHomeworkReview {
  verdict: 'accepted' | 'needs-work';
  verdictLabel: string;
  feedback: string;
  reviewerName: string;
  createdAt: number;
  /** When the submission it reviews was made, and whether that was after the due date. */
  submittedAt: number;
  late: boolean;
  /** It reviews the learner's latest submission. */
  current: boolean;
}

export interface LearnerHomework {
  dueBeforeSession: number;
  cohorts: { id: string; name: string; dueAt: number | null }[];
  dueAt: number | null;
  standing: HomeworkStanding;
  handInLabel: string;
  reviewLabel: string;
  reviews: LearnerHomeworkReview[];
}

export async function learnerHomework(db: Db, userId: string, exercise: HomeworkExercise, now = Date.now()): Promise<LearnerHomework> {
  const due = exercise.homework.dueBeforeSession;
  const cohorts = (await cohortsOfMember(db, userId))
    .filter((c) => c.program === exercise.program)
    .map((c) => ({ id: c.id, name: c.name, dueAt: homeworkDueAt(c, due) }))
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  const dueAt = cohorts[0]?.dueAt ?? null;
  const submissions = await homeworkSubmissionsOf(db, userId, exercise.id);
  const reviews = await homeworkReviewsOf(db, userId, exercise.id);
  const latest = submissions[0] ?? null;
  const firstPass = submissions.filter((s) => s.status === 'pass').at(-1) ?? null;
  const standing = homeworkStanding({ submissions: submissions.length, firstPassAt: firstPass?.createdAt ?? null, latest, review: reviews.at(-1) ?? null }, dueAt, now);
  return {
    dueBeforeSession: due,
    cohorts,
    dueAt,
    standing,
    handInLabel: HAND_IN_LABELS[standing.handIn],
    reviewLabel: REVIEW_LABELS[standing.review],
    reviews: reviews
      .map((r) => ({
        verdict: r.verdict,
        verdictLabel: VERDICT_LABELS[r.verdict],
        feedback: r.feedback,
        reviewerName: r.reviewerName || 'your instructor',
        createdAt: r.createdAt,
        submittedAt: r.submittedAt,
        late: isLate(r.submittedAt, dueAt),
        current: r.submissionId === latest?.id,
      }))
      .reverse(),
  };
}
