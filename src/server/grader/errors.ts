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
