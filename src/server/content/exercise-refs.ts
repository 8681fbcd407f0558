// How content names an exercise that is not there: lessons (frontmatter and <ExerciseLink>),
// certifications (tasks, prerequisites) and their messages. An exercise whose folder exists but whose
// exercise.json did not load is not "missing": the fix is in that file, so the message says so instead
// of sending the author looking for a typo.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean } from './suggest.ts';

/** Why `id` names no loaded exercise; `candidates` are the ids it might have meant. */
export function missingExercise(root: string, id: string, candidates: Iterable<string>): string {
  if (existsSync(join(root, 'exercises', id, 'exercise.json'))) {
    return `exercise "${id}" did not load: fix exercises/${id}/exercise.json first (its problems are listed above)`;
  }
  return `no exercise "${id}" in exercises/${didYouMean(id, candidates)}`;
}
