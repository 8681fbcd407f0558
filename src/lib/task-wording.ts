// What a certification candidate does in a practical task and how it is scored, by the task's exercise
// kind: the certification page says this, so a review is never described as "graded by hidden tests".
import type { ExerciseKind } from './schemas/exercise.ts';

const WHAT: Record<ExerciseKind, string> = {
  implement: 'Implement code to a specification, graded by hidden tests on the server',
  debug: 'Find and fix a fault, graded by hidden tests on the server',
  optimize: 'Make code faster or leaner, graded by hidden tests on the server that measure it',
  'write-tests': 'Write tests, scored by how many deliberately broken copies of the code they catch',
  review: 'Review code and record its defects, scored by matching your findings against the known defects',
};

export function taskWording(kind: ExerciseKind): string {
  return WHAT[kind];
}
