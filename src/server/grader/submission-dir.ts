// Reads a submission from a folder laid out like starter/ (the grade CLI's --dir, solutions/<id>/;
// solution-corpus cases are read by content/solution-cases.ts, since an overlay needs its solution):
// the files submittablePaths() allows that exist there, so a review's findings.json (checkSubmission
// reads the findings out of it). Files the folder lacks keep their starter version.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { submittablePaths, type FileSubmission } from '../../lib/contracts/submission.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';

export async function readSubmissionDir(dir: string, definition: Pick<Exercise, 'kind' | 'editable'>): Promise<FileSubmission> {
  const files: Record<string, string> = {};
  for (const path of submittablePaths(definition)) {
    try {
      files[path] = await readFile(join(dir, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { files };
}
