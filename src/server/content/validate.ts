// Everything `npm run content:check` checks before it grades: the schemas (files.ts), the
// cross-references (check.ts), the code lessons show (lesson-code.ts); and which exercises can be
// proven through the grader anyway. One broken file never holds back the proof of an exercise that is
// itself valid: only an exercise whose own exercise.json or hidden tests have problems is skipped, and
// it is named with the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { crossCheck } from './check.ts';
import { loadContent, type ContentSet } from './files.ts';
import type { ContentIssue } from './issues.ts';
import { lessonCodeIssues } from './lesson-code.ts';
import { referenceAliases } from './reference-library.ts';

export interface ValidateOptions {
  /** The site's code (src/, tsconfig.json, reference/); default: the content root itself. */
  codeRoot?: string;
  /** Type-check lessons' ```ts blocks (a few seconds); default true. */
  lessonCode?: boolean;
}

export interface SkippedExercise {
  id: string;
  reason: string;
}

export interface ContentReport {
  set: ContentSet;
  issues: ContentIssue[];
  /** Exercises whose own exercise.json is valid and complete: these can be graded. */
  provable: Exercise[];
  /** Exercises that cannot be graded until their own problems are fixed. */
  skipped: SkippedExercise[];
  /** Things the proofs will not check because another file is broken. */
  notes: string[];
}

/** Files whose problems keep an exercise from being graded: its definition and its hidden tests (the key of a review). */
const gradingFile = /^exercises\/([^/]+)\/(?:exercise\.json$|tests\/hidden\/)/;

export function validateContent(root: string, options: ValidateOptions = {}): ContentReport {
  const codeRoot = options.codeRoot ?? root;
  const set = loadContent(root);
  const issues = [...set.issues, ...crossCheck(root, set, codeRoot)];
  if (options.lessonCode !== false) {
    issues.push(...lessonCodeIssues(set, (file) => readFileSync(join(root, file), 'utf8'), codeRoot, referenceAliases(root, codeRoot)));
  }

  const problemsOf = new Map<string, number>();
  for (const issue of issues) {
    const id = gradingFile.exec(issue.file)?.[1];
    if (id !== undefined) problemsOf.set(id, (problemsOf.get(id) ?? 0) + 1);
  }
  const loaded = new Set(set.exercises.map((e) => e.data.id));
  const skipped: SkippedExercise[] = [];
  for (const [id, count] of problemsOf) {
    const reason = loaded.has(id)
      ? `exercises/${id}/ has ${count} problem(s) listed above; it is graded once they are fixed`
      : `exercises/${id}/exercise.json did not load (see above); it is graded once it does`;
    skipped.push({ id, reason });
  }
  skipped.sort((a, b) => a.id.localeCompare(b.id));
  const provable = set.exercises.map((e) => e.data).filter((e) => !problemsOf.has(e.id));

  const notes: string[] = [];
  for (const issue of set.issues) {
    if (/^assessments\/[^/]+\/certification\.json$/.test(issue.file) && !notes.some((n) => n.startsWith(issue.file))) {
      notes.push(`${issue.file} did not load, so the wrong solutions of its tasks are not held to a component's pass mark until it does`);
    }
  }
  return { set, issues, provable, skipped, notes };
}
