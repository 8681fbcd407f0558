// Typed errors the grader throws before any test runs, so the HTTP layer can map each one to a
// status (404 unknown exercise, 400/413 invalid submission, 429 queue full, 503 closed).

export class UnknownExerciseError extends Error {
  override readonly name = 'UnknownExerciseError';
  readonly exerciseId: string;
  constructor(exerciseId: string, detail?: string) {
    super(`Unknown exercise "${exerciseId}"${detail ? `: ${detail}` : ''}`);
    this.exerciseId = exerciseId;
  }
}

export class InvalidSubmissionError extends Error {
  override readonly name = 'InvalidSubmissionError';
  /** True when the submission is only too large (HTTP 413), false for malformed ones (HTTP 400). */
  readonly tooLarge: boolean;
  constructor(message: string, tooLarge = false) {
    super(message);
    this.tooLarge = tooLarge;
  }
}

export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
  /** Seconds after which a retry is likely to be accepted (the Retry-After header). */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`The grader is busy; try again in ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class GraderClosedError extends Error {
  override readonly name = 'GraderClosedError';
  constructor() {
    super('The grader has been shut down');
  }
}

/** The learner already has a submission queued or running: one at a time each (HTTP 409). */
export class LearnerBusyError extends Error {
  override readonly name = 'LearnerBusyError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Your previous submission is still being graded; send this one when its result is in (about ${retryAfterSeconds} s).`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The learner used their share of grading time for this minute (HTTP 429). */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, budget: { budgetMs: number; windowMs: number }) {
    super(
      `Your code used ${Math.round(budget.budgetMs / 1000)} s of grading time in the last ${Math.round(budget.windowMs / 1000)} s, ` +
        `the most one learner may use so everyone gets graded quickly; try again in ${retryAfterSeconds} s. ` +
        'If your tests keep hitting the time limit, look for a loop that never ends.',
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
