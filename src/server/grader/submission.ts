// Checks a learner's submission before anything touches the disk, once: a code exercise takes only
// the paths submittablePaths() allows (lib/contracts/submission.ts), no path tricks, text only, at
// most 200 KB; a code review takes at most maxFindings findings, each on a review file, a line and one
// of the exercise's categories (as data, or as the findings.json file a content folder holds). What
// comes out is a CheckedSubmission: only this module makes one, so grade() can trust it was checked
// against this very definition and need not check it again.
import type { ReviewFinding } from '../../lib/contracts/review-finding.ts';
import { REVIEW_FINDINGS_FILE, findingsFile, submittablePaths, type Submission } from '../../lib/contracts/submission.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { InvalidSubmissionError } from './errors.ts';

export const MAX_SUBMISSION_BYTES = 200 * 1024;

export type SubmittedFiles = ReadonlyMap<string, string>;

const MADE_HERE = Symbol('checked here');

/** A submission checked against one exercise definition; made only by checkSubmission(). */
export class CheckedSubmission {
  /** The definition it was checked against (the same object, not only the same id). */
  readonly definition: Exercise;
  /** Code exercises: the files written over starter/ (empty for a review). */
  readonly files: SubmittedFiles;
  /** Code reviews: the findings (empty for code exercises). */
  readonly findings: readonly ReviewFinding[];

  constructor(token: typeof MADE_HERE, definition: Exercise, files: SubmittedFiles, findings: readonly ReviewFinding[]) {
    if (token !== MADE_HERE) throw new Error('a CheckedSubmission is made only by checkSubmission()');
    this.definition = definition;
    this.files = files;
    this.findings = Object.freeze(findings.map((f) => Object.freeze({ ...f })));
    Object.freeze(this);
  }

  /** The submission as a row stores it: its files, or a review's findings as findings.json (so stored rows keep one shape). */
  stored(): Record<string, string> {
    return this.definition.kind === 'review' ? { [REVIEW_FINDINGS_FILE]: findingsFile(this.findings) } : Object.fromEntries(this.files);
  }

  /** The same submission as it arrived (for checking it again against another definition). */
  asSubmission(): Submission {
    return this.definition.kind === 'review' ? { findings: this.findings } : { files: Object.fromEntries(this.files) };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkFiles(definition: Exercise, files: unknown): Map<string, string> {
  if (!isObject(files)) throw new InvalidSubmissionError('files must be an object mapping file paths to their text');
  const accepted = submittablePaths(definition);
  const entries = Object.entries(files);
  if (entries.length === 0) throw new InvalidSubmissionError(`submit at least one of: ${accepted.join(', ')}`);
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

type ReviewDefinition = Extract<Exercise, { kind: 'review' }>;

/** A review's findings file, read strictly: the list it holds, or why it cannot be graded. */
function findingsOfFile(text: string | undefined): unknown {
  if (text === undefined) throw new InvalidSubmissionError(`submit your findings as ${REVIEW_FINDINGS_FILE}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidSubmissionError(`${REVIEW_FINDINGS_FILE} is not valid JSON`);
  }
  const list = (raw as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(list)) throw new InvalidSubmissionError(`${REVIEW_FINDINGS_FILE} must be {"findings": [{"file", "line", "category"}]}`);
  return list;
}

function checkFindings(definition: ReviewDefinition, list: unknown): ReviewFinding[] {
  if (!Array.isArray(list)) throw new InvalidSubmissionError('findings must be a list of {"file", "line", "category"}');
  if (list.length > definition.maxFindings) {
    throw new InvalidSubmissionError(`List at most ${definition.maxFindings} findings in one submission: report the defects you are sure of.`);
  }
  return list.map((item: unknown, i) => {
    const f = item as Partial<ReviewFinding> | null;
    if (!f || typeof f.file !== 'string' || !definition.reviewFiles.includes(f.file)) {
      throw new InvalidSubmissionError(`finding ${i + 1}: "file" must be one of ${definition.reviewFiles.join(', ')}`);
    }
    if (!Number.isInteger(f.line) || (f.line as number) < 1) throw new InvalidSubmissionError(`finding ${i + 1}: "line" must be a line number`);
    if (typeof f.category !== 'string' || !definition.categories.includes(f.category)) {
      throw new InvalidSubmissionError(`finding ${i + 1}: "category" must be one of ${definition.categories.join(', ')}`);
    }
    return { file: f.file, line: f.line as number, category: f.category };
  });
}

/** Checks `submission` ({files} or, for a code review, {findings}) against `definition`; throws InvalidSubmissionError. */
export function checkSubmission(definition: Exercise, submission: unknown): CheckedSubmission {
  if (!isObject(submission)) throw new InvalidSubmissionError('send {"files": {path: text}}, or {"findings": [...]} for a code review');
  if (definition.kind === 'review') {
    const list = submission['findings'] !== undefined ? submission['findings'] : findingsOfFile(checkFiles(definition, submission['files']).get(REVIEW_FINDINGS_FILE));
    return new CheckedSubmission(MADE_HERE, definition, new Map(), checkFindings(definition, list));
  }
  if (submission['files'] === undefined && submission['findings'] !== undefined) {
    throw new InvalidSubmissionError(`this exercise is graded on files, not findings: submit ${submittablePaths(definition).join(', ')}`);
  }
  return new CheckedSubmission(MADE_HERE, definition, checkFiles(definition, submission['files']), []);
}

/** `submission` as checked against `definition`: checked now, unless checkSubmission() already did so for this very definition. */
export function checkedFor(definition: Exercise, submission: Submission | CheckedSubmission): CheckedSubmission {
  if (submission instanceof CheckedSubmission) {
    return submission.definition === definition ? submission : checkSubmission(definition, submission.asSubmission());
  }
  return checkSubmission(definition, submission);
}
