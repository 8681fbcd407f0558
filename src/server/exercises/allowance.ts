// The graded submissions a certification task allows within one attempt (its exam's
// attempts.submissionsPerTask in certification.json): how many are left, and the refusal once they are used up.
import type { Db } from '../db/open.ts';
import type { AttemptRow } from '../db/attempts.ts';
import { countAttemptSubmissions } from '../db/submissions.ts';
import { loadAssessmentContent } from '../assessment/content.ts';
import { examOf } from '../assessment/attempts.ts';
import { HttpError } from '../http.ts';
import type { SubmissionAllowance } from '../../lib/contracts/exercise-view.ts';

/** The graded submissions each task allows in this attempt: its exam's attempts.submissionsPerTask. */
export async function submissionLimit(attempt: Pick<AttemptRow, 'program' | 'targetLevel' | 'purpose'>): Promise<number> {
  return examOf(attempt, (await loadAssessmentContent(attempt.program)).certification).exam.attempts.submissionsPerTask;
}

export async function allowanceOf(db: Db, attemptId: string, exerciseId: string, limit: number): Promise<SubmissionAllowance> {
  const used = await countAttemptSubmissions(db, attemptId, exerciseId);
  return { limit, used, remaining: Math.max(0, limit - used) };
}

export function allowanceUsedUp(limit: number): HttpError {
  return new HttpError(
    409,
    'submissions_used_up',
    `You have used all ${limit} graded submissions for this task in this attempt; your best graded submission counts. Go back to the attempt to finish the other parts.`,
    { details: { submissions: { limit, used: limit, remaining: 0 } } },
  );
}
