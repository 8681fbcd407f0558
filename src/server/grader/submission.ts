// Checks a learner's submission before anything touches the disk: only the exercise's editable
// files (or findings.json for review exercises), no path tricks, text only, at most 200 KB.
import type { ExerciseDefinition } from './exercise-loader.ts';
import { InvalidSubmissionError } from './errors.ts';

export const MAX_SUBMISSION_BYTES = 200 * 1024;
/** The single file a review submission consists of. */
export const REVIEW_FINDINGS_FILE = 'findings.json';

export type SubmittedFiles = ReadonlyMap<string, string>;

function acceptedPaths(definition: ExerciseDefinition): string[] {
  return definition.kind === 'review' ? [REVIEW_FINDINGS_FILE] : definition.editable;
}

export function validateSubmission(definition: ExerciseDefinition, files: unknown): SubmittedFiles {
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new InvalidSubmissionError('files must be an object mapping file paths to their text');
  }
  const accepted = acceptedPaths(definition);
  const entries = Object.entries(files as Record<string, unknown>);
  if (entries.length === 0) {
    throw new InvalidSubmissionError(`submit at least one of: ${accepted.join(', ')}`);
  }
  let bytes = 0;
  const out = new Map<string, string>();
  for (const [path, content] of entries) {
    if (path.includes('\0') || path.includes('\\') || path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      throw new InvalidSubmissionError(`"${path.replace(/\0/g, '\\0')}" is not a valid file path`);
    }
    if (!accepted.includes(path)) {
      throw new InvalidSubmissionError(`"${path}" cannot be submitted for this exercise; editable files: ${accepted.join(', ')}`);
    }
    if (typeof content !== 'string') throw new InvalidSubmissionError(`the content of "${path}" must be text`);
    if (content.includes('\0')) throw new InvalidSubmissionError(`"${path}" contains a NUL character`);
    bytes += Buffer.byteLength(content, 'utf8');
    if (bytes > MAX_SUBMISSION_BYTES) {
      throw new InvalidSubmissionError(`the submission is larger than ${MAX_SUBMISSION_BYTES / 1024} KB`, true);
    }
    out.set(path, content);
  }
  return out;
}
