// content:check rules for the inline checks (`<Check>`) of lessons: each one must be readable by
// the server (which judges answers from the lesson source), have a unique id, an answer key that
// points at one of its options, distinct options (an answer is stored as the chosen option's text),
// and across a program the keys must not pile up on one position — a reader who notices that
// "it is always the second one" stops reading the options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentSet } from './files.ts';
import type { ContentIssue } from './issues.ts';
import { parseLessonChecks, type LessonCheck } from './lesson-checks.ts';

/** No answer position may hold more than this share of a program's checks. */
export const MAX_KEY_SHARE = 0.4;
/** Below this many checks a share says little (two checks are 50 % each), so the spread is not judged. */
export const MIN_CHECKS_FOR_SPREAD = 10;

const CHECK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ordinal = (i: number): string => ['1st', '2nd', '3rd'][i] ?? `${i + 1}th`;

/** Issues of one lesson's checks; `source` is the whole file, so lines match the editor's. */
export function lessonFileCheckIssues(file: string, source: string): { checks: LessonCheck[]; issues: ContentIssue[] } {
  const { checks, problems } = parseLessonChecks(source);
  const issues: ContentIssue[] = problems.map((p) => ({ file, field: `line ${p.line}`, message: p.message }));
  const seen = new Map<string, number>();
  for (const check of checks) {
    const field = `line ${check.line}`;
    const issue = (message: string) => issues.push({ file, field, message: `<Check id="${check.id}">: ${message}` });
    if (!CHECK_ID.test(check.id) || check.id.length > 100) issue('id must be lowercase kebab-case (a-z, 0-9, -), at most 100 characters');
    const first = seen.get(check.id);
    if (first !== undefined) issue(`id is already used by the check on line ${first} of this lesson`);
    else seen.set(check.id, check.line);
    if (check.options.length < 2) issue(`needs at least 2 options, has ${check.options.length}`);
    if (new Set(check.options).size !== check.options.length) issue('two options have the same text');
    if (check.answer < 0 || check.answer >= check.options.length) {
      issue(`answer={${check.answer}} is not an index into its ${check.options.length} options (0 to ${check.options.length - 1})`);
    }
  }
  return { checks, issues };
}

/** How many checks have their key at each position, e.g. [15, 16, 15]. */
export function keyPositionCounts(checks: readonly Pick<LessonCheck, 'answer'>[]): number[] {
  const counts: number[] = [];
  for (const { answer } of checks) {
    while (counts.length <= answer) counts.push(0);
    counts[answer] = (counts[answer] ?? 0) + 1;
  }
  return counts;
}

/** The spread rule for one program's checks: an issue when one position holds more than MAX_KEY_SHARE. */
export function keySpreadIssue(where: string, checks: readonly Pick<LessonCheck, 'answer'>[]): ContentIssue | null {
  if (checks.length < MIN_CHECKS_FOR_SPREAD) return null;
  const counts = keyPositionCounts(checks);
  const limit = Math.floor(checks.length * MAX_KEY_SHARE);
  const most = Math.max(...counts);
  if (most <= limit) return null;
  const crowded = counts.indexOf(most);
  const listed = counts.map((n, i) => `${ordinal(i)} ${n}`).join(', ');
  return {
    file: where,
    message:
      `the answer keys of its ${checks.length} <Check> questions pile up: the ${ordinal(crowded)} option is the key of ` +
      `${most} (${Math.round((most / checks.length) * 100)} %), more than ${MAX_KEY_SHARE * 100} % ` +
      `(at most ${limit}). Keys by position: ${listed}. Reorder some checks' options (and their answer={…}).`,
  };
}

export function lessonCheckIssues(root: string, set: ContentSet): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const byProgram = new Map<string, LessonCheck[]>();
  for (const lesson of set.lessons) {
    const { checks, issues: found } = lessonFileCheckIssues(lesson.file, readFileSync(join(root, lesson.file), 'utf8'));
    issues.push(...found);
    const list = byProgram.get(lesson.program) ?? [];
    list.push(...checks.filter((c) => c.answer >= 0 && c.answer < c.options.length));
    byProgram.set(lesson.program, list);
  }
  for (const [program, checks] of byProgram) {
    const spread = keySpreadIssue(`content/programs/${program}/lessons/`, checks);
    if (spread) issues.push(spread);
  }
  return issues;
}
