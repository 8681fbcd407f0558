// The grader's typed errors as HTTP answers, for every route that grades. A refusal (invalid files,
// a full queue, a learner already being graded, a used-up budget) is decided before anything ran:
// the caller drops what it stored for the run. A delayed result (the cluster mode's queue had no
// free worker within the wait) is not a refusal: the submission stays stored and is graded later.
import { HttpError } from '../http.ts';
import { BudgetExceededError, GraderClosedError, InvalidSubmissionError, LearnerBusyError, QueueFullError } from './errors.ts';
import { GradingDelayedError } from './queue/queued-grading.ts';

/** Maps the grader's typed errors to HTTP; anything else is left for the caller. */
export function graderHttpError(error: unknown): HttpError | undefined {
  if (error instanceof InvalidSubmissionError) {
    return error.tooLarge ? new HttpError(413, 'too_large', error.message) : new HttpError(400, 'invalid_submission', error.message);
  }
  if (error instanceof QueueFullError) {
    return new HttpError(429, 'grader_busy', error.message, { headers: { 'retry-after': String(error.retryAfterSeconds) } });
  }
  if (error instanceof LearnerBusyError) {
    return new HttpError(409, 'grading_in_progress', error.message, { headers: { 'retry-after': String(error.retryAfterSeconds) } });
  }
  if (error instanceof BudgetExceededError) {
    return new HttpError(429, 'grading_budget_used', error.message, { headers: { 'retry-after': String(error.retryAfterSeconds) } });
  }
  if (error instanceof GradingDelayedError) {
    return new HttpError(503, 'grading_delayed', error.message, { headers: { 'retry-after': String(error.retryAfterSeconds) } });
  }
  if (error instanceof GraderClosedError) return new HttpError(503, 'grader_closed', 'The grader is restarting; try again in a moment.');
  return undefined;
}

/** Refused before anything ran (HTTP 4xx): nothing was graded, so nothing may be charged for it. */
export function graderRefusal(error: unknown): boolean {
  const http = graderHttpError(error);
  return http !== undefined && http.status < 500;
}
