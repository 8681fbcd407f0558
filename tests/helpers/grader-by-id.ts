// The real grader addressed by exercise id, as the grader suites write their cases: each call reads
// the exercise from disk afresh (src/server/content/exercise-folder.ts loadExercise: the one exercise
// schema, the program's reference library) and grades through grader.grade(exercise, submission).
// Afresh, because some suites change an exercise's files between cases.
import { fileURLToPath } from 'node:url';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import type { Submission } from '../../src/lib/contracts/submission.ts';
import { loadExercise } from '../../src/server/content/exercise-folder.ts';
import type { GradeOptions, Grader } from '../../src/server/grader/grader.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GraderById {
  /** `files` are submitted as {files}; pass a Submission for {findings}. */
  grade(exerciseId: string, files: Record<string, string> | Submission, options?: GradeOptions): Promise<GradeResult>;
  gradeSolution(exerciseId: string, options?: GradeOptions): Promise<GradeResult>;
  close(): Promise<void>;
  /** The grader itself. */
  grader: Grader;
}

const isSubmission = (value: Record<string, string> | Submission): value is Submission =>
  ('files' in value && typeof value.files === 'object') || ('findings' in value && Array.isArray(value.findings));

/** `contentRoot` holds exercises/<id>/ (and content/programs/ for programs with a library of their own). */
export function graderById(grader: Grader, contentRoot: string): GraderById {
  return {
    grade: (id, files, options) => grader.grade(loadExercise(contentRoot, id, ROOT), isSubmission(files) ? files : { files }, options),
    gradeSolution: (id, options) => grader.gradeSolution(loadExercise(contentRoot, id, ROOT), options),
    close: () => grader.close(),
    grader,
  };
}
