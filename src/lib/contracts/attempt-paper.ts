// The fixed paper of a certification attempt, drawn once at its start (server/assessment/draw.ts,
// attempts.ts) and stored as JSON in attempts.paper (db/attempts.ts); attempt_questions mirrors
// its question ids for exposure balancing.

/** One quiz component's questions in the order shown, each with its options in the order shown. */
export interface AttemptPaper {
  questions: { id: string; optionOrder: string[] }[];
}

export interface StoredPaper {
  /** Quiz papers by component id, in the order shown. */
  quiz: Record<string, AttemptPaper>;
  /**
   * Practical tasks graded by the sandboxed grader inside the attempt. `variant`: which variant of a
   * task with variants the candidate was given (exercises/<id>/variants.json); absent on attempts
   * started before the task had variants, which had its first.
   */
  tasks: { componentId: string; exerciseId: string; variant?: string }[];
}
