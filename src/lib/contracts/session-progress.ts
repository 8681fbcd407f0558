// What the facilitator view's live counts are, as the server sends them
// (GET /api/cohorts/<id>/sessions/<n>/progress) and the page's script reads them. Pure: the browser
// imports it.

/** How often the open facilitator view asks for fresh counts. */
export const PROGRESS_POLL_MS = 10_000;

/** A learner who failed an exercise this many times without passing it is counted as stuck. */
export const STUCK_AFTER_FAILS = 3;

export interface ExerciseProgress {
  id: string;
  /** Learners who started it (saved work or submitted), passed ones included. */
  started: number;
  /** Learners who passed it. */
  passed: number;
  /** Learners who failed it STUCK_AFTER_FAILS times or more and have not passed it. */
  stuck: number;
}

export interface CertificationProgress {
  /** The certification level counted (the program's first). */
  level: string;
  levelName: string;
  started: number;
  /** Learners taking it right now (an attempt open and not timed out). */
  inProgress: number;
  submitted: number;
  passed: number;
}

export interface SessionProgress {
  cohortId: string;
  session: number;
  /** The cohort's learners now. */
  learners: number;
  /** Every exercise the session's agenda lists, in agenda order. */
  exercises: ExerciseProgress[];
  /** When the agenda has an assessment block and the program a certification; null otherwise. */
  certification: CertificationProgress | null;
  /** When the counts were taken (ms since the epoch). */
  countedAt: number;
}
