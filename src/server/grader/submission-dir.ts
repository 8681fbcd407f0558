// Reads a submission from a folder laid out like starter/ (the grade CLI's --dir, and
// solutions/<id>/): the exercise's editable files that exist there, or findings.json for a
// review exercise. Files the folder lacks keep their starter version.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExerciseDefinition } from './exercise-loader.ts';
import { REVIEW_FINDINGS_FILE } from './submission.ts';

export async function readSubmissionDir(dir: string, definition: ExerciseDefinition): Promise<Record<string, string>> {
  const paths = definition.kind === 'review' ? [REVIEW_FINDINGS_FILE] : definition.editable;
  const files: Record<string, string> = {};
  for (const path of paths) {
    try {
      files[path] = await readFile(join(dir, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}
