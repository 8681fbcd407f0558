// The findings a learner collects in a code-review exercise: one per (file, line, category), kept in
// reading order. A draft keeps them in the review's findings file (its one submittable path, from the
// view); Submit sends them as data ({findings}).
import type { ReviewFinding } from '../../lib/contracts/review-finding.ts';
import { findingsFile } from '../../lib/contracts/submission.ts';

function key(f: ReviewFinding): string {
  return `${f.file}\u0000${f.line}\u0000${f.category}`;
}

function order(a: ReviewFinding, b: ReviewFinding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.category.localeCompare(b.category);
}

/** Adds a finding unless the same one is already there; returns a new sorted list. */
export function addFinding(list: readonly ReviewFinding[], finding: ReviewFinding): ReviewFinding[] {
  if (list.some((f) => key(f) === key(finding))) return [...list];
  return [...list, finding].sort(order);
}

export function removeFinding(list: readonly ReviewFinding[], finding: ReviewFinding): ReviewFinding[] {
  return list.filter((f) => key(f) !== key(finding));
}

/** Reads findings back from a draft, dropping anything malformed or outside the reviewed files. */
export function parseFindings(text: string | undefined, files: readonly string[], categories: readonly string[]): ReviewFinding[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    // {"findings": [...]} is the grader's findings.json format; a bare list is accepted too.
    const raw = Array.isArray(parsed) ? parsed : (parsed as { findings?: unknown } | null)?.findings;
    if (!Array.isArray(raw)) return [];
    let out: ReviewFinding[] = [];
    for (const item of raw) {
      const f = item as Partial<ReviewFinding>;
      if (typeof f.file === 'string' && files.includes(f.file) && Number.isInteger(f.line) && (f.line as number) > 0 && typeof f.category === 'string' && categories.includes(f.category)) {
        out = addFinding(out, { file: f.file, line: f.line as number, category: f.category });
      }
    }
    return out;
  } catch {
    return [];
  }
}

/** The draft copy uses the findings file's format (lib/contracts/submission.ts), so a saved draft is a valid submission file. */
export function serializeFindings(list: readonly ReviewFinding[]): string {
  return findingsFile(list);
}
