// What a learner may see of a grade result. This is the one place that decides it; every path that
// hands a result to a browser (the submit response, the exercise view's last result, the page's
// first render) goes through learnerResult(). Stored rows keep the grader's full result.
//
// - Certification tasks (a certification exercise, or anything graded inside an attempt): a test
//   suite shows each requirement by name with pass or fail, and nothing else (no assertion
//   messages, expected or received values, output or hints); a review shows the score, precision
//   and recall, and which of the candidate's own findings match the answer key. A key finding the
//   candidate did not find never leaves the server: resubmitting copied feedback must not score.
// - Practice reviews: the same own-findings view (with the explanation of each defect found) until
//   "show solution" opens for the learner; from then on the full result with every missed defect.
// - Other practice exercises: the full result; its messages are how the exercise teaches.
import type { Disclosure, LearnerResult, ReviewSummary } from '../../lib/contracts/exercise-view.ts';
import type { ReviewFinding } from '../../lib/contracts/review-finding.ts';
import { REVIEW_FINDINGS_FILE, findingsInFile } from '../../lib/contracts/submission.ts';
import type { GradeResult, TestOutcome } from '../../lib/grade-result.ts';
import type { ExerciseKind } from '../../lib/schemas/exercise.ts';

export interface FeedbackContext {
  kind: ExerciseKind;
  /** A certification task, or an exercise graded inside a certification attempt. */
  certification: boolean;
  /** Practice only: "show solution" is open for this learner, so the answer key is theirs to see. */
  solutionUnlocked: boolean;
  /** The files of the submission the result grades, as its row stores them (for a review, findings.json). */
  files: Readonly<Record<string, string>>;
}

export function disclosureFor(ctx: Pick<FeedbackContext, 'kind' | 'certification' | 'solutionUnlocked'>): Disclosure {
  if (ctx.kind === 'review') return ctx.certification || !ctx.solutionUnlocked ? 'own-findings' : 'full';
  return ctx.certification ? 'requirements' : 'full';
}

export function learnerResult(result: GradeResult, ctx: FeedbackContext): LearnerResult {
  const disclosure = disclosureFor(ctx);
  if (disclosure === 'full') return { ...result, disclosure };
  if (disclosure === 'requirements') return requirementsOnly(result);
  return ownFindingsOnly(result, ctx);
}

// ---- test suites inside a certification: requirement names only ----

const OUTSIDE_ANY_TEST = 'An error was thrown outside of any test';

function requirementsOnly(result: GradeResult): LearnerResult {
  const tests: TestOutcome[] = result.tests.map((t) => (t.task_id === undefined ? { name: t.name, status: t.status } : { name: t.name, status: t.status, task_id: t.task_id }));
  const out: LearnerResult = { ...withoutMessage(result), tests, disclosure: 'requirements' };
  const message = requirementsMessage(result, tests);
  if (message !== undefined) out.message = message;
  return out;
}

function requirementsMessage(result: GradeResult, tests: readonly TestOutcome[]): string | undefined {
  // An error result says why nothing (trustworthy) ran: a limit, the candidate's own compile
  // problems or a broken grading rule. It describes the run, not what the requirements check.
  if (result.status === 'error') return result.message;
  if (result.status === 'pass') return undefined;
  if (result.message?.startsWith(OUTSIDE_ANY_TEST)) {
    return `${OUTSIDE_ANY_TEST} while the requirements were checked, so no credit is given. Certification tasks do not show error details.`;
  }
  const met = tests.filter((t) => t.status === 'pass').length;
  return `${met} of ${tests.length} requirements met.`;
}

function withoutMessage(result: GradeResult): GradeResult {
  const { message: _message, ...rest } = result;
  return rest;
}

// ---- reviews: the learner's own findings, never a key finding they missed ----

export type ReviewEntryKind = NonNullable<TestOutcome['kind']>;

/** The review grader names a learner's finding that matches nothing "<file>:<line> <category> (your finding)". */
const OWN_SUFFIX = ' (your finding)';
const FINDING_NAME = /^(.+):(\d+) (\S+)$/;

/**
 * Which kind of review entry a test outcome is: the grader's `kind` marker, or for results stored
 * before it existed, read from how the review grader named its entries. Anything unrecognised is
 * treated as a missed key finding, the kind that is withheld.
 */
export function reviewEntryKind(test: TestOutcome): ReviewEntryKind {
  const marked: unknown = test.kind;
  if (marked === 'key-found' || marked === 'key-missed' || marked === 'own-unmatched') return marked;
  if (test.name.endsWith(OWN_SUFFIX)) return 'own-unmatched';
  return test.status === 'pass' ? 'key-found' : 'key-missed';
}

interface Row {
  finding: ReviewFinding;
  matched: boolean;
  /** Practice only: why the key lists the defect this finding matched. */
  explanation?: string;
}

const findingName = (f: ReviewFinding): string => `${f.file}:${f.line} ${f.category}`;

function parseFindingName(name: string): ReviewFinding | null {
  const m = FINDING_NAME.exec(name.endsWith(OWN_SUFFIX) ? name.slice(0, -OWN_SUFFIX.length) : name);
  return m ? { file: m[1] ?? '', line: Number(m[2]), category: m[3] ?? '' } : null;
}

/** The findings a stored review submission listed (it passed the grader's check before it was stored). */
export function submittedFindings(files: Readonly<Record<string, string>>): ReviewFinding[] {
  return findingsInFile(files[REVIEW_FINDINGS_FILE]);
}

const byPosition = (a: Row, b: Row): number =>
  a.finding.file.localeCompare(b.finding.file) || a.finding.line - b.finding.line || a.finding.category.localeCompare(b.finding.category);
const share = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

interface Entry {
  test: TestOutcome;
  kind: ReviewEntryKind;
}

/** The grader says whose finding each entry is: the learner's own finding rides on the entry. */
function rowsFromMarkers(entries: readonly Entry[]): Row[] | null {
  const rows: Row[] = [];
  for (const { test, kind } of entries) {
    if (kind === 'key-missed') continue;
    if (!test.finding) return null;
    const { file, line, category } = test.finding;
    const row: Row = { finding: { file, line, category }, matched: kind === 'key-found' };
    if (kind === 'key-found' && test.message !== undefined) row.explanation = test.message;
    rows.push(row);
  }
  return rows;
}

/**
 * Results stored before the grader marked findings: the learner's own matched findings are their
 * submitted findings minus the unmatched ones; within one file and category, found key entries and
 * matched findings pair up in line order for the explanations. Null when the two disagree.
 */
function rowsFromSubmission(entries: readonly Entry[], files: Readonly<Record<string, string>>): Row[] | null {
  const unmatched = new Map<string, number>();
  for (const e of entries) {
    const f = e.kind === 'own-unmatched' ? parseFindingName(e.test.name) : null;
    if (f) unmatched.set(findingName(f), (unmatched.get(findingName(f)) ?? 0) + 1);
  }
  const rows: Row[] = submittedFindings(files).map((finding) => {
    const left = unmatched.get(findingName(finding)) ?? 0;
    if (left > 0) unmatched.set(findingName(finding), left - 1);
    return { finding, matched: left === 0 };
  });
  const found = entries.filter((e) => e.kind === 'key-found');
  if (rows.filter((r) => r.matched).length !== found.length || [...unmatched.values()].some((n) => n !== 0)) return null;
  const keyed = new Map<string, { line: number; explanation: string }[]>();
  for (const { test } of found) {
    const k = parseFindingName(test.name);
    if (!k || test.message === undefined) continue;
    const group = `${k.file}\u0000${k.category}`;
    keyed.set(group, [...(keyed.get(group) ?? []), { line: k.line, explanation: test.message }]);
  }
  for (const list of keyed.values()) list.sort((a, b) => a.line - b.line);
  const cursor = new Map<string, number>();
  for (const row of [...rows].sort(byPosition)) {
    if (!row.matched) continue;
    const group = `${row.finding.file}\u0000${row.finding.category}`;
    const i = cursor.get(group) ?? 0;
    cursor.set(group, i + 1);
    const entry = keyed.get(group)?.[i];
    if (entry) row.explanation = entry.explanation;
  }
  return rows;
}

function ownFindingsOnly(result: GradeResult, ctx: FeedbackContext): LearnerResult {
  const base: LearnerResult = { ...withoutMessage(result), tests: [], disclosure: 'own-findings' };
  if (result.status === 'error') {
    // No verdict on the findings (e.g. the grader failed): the reason is about the run only.
    if (result.message !== undefined) base.message = result.message;
    return base;
  }
  const entries: Entry[] = result.tests.map((test) => ({ test, kind: reviewEntryKind(test) }));
  const found = entries.filter((e) => e.kind === 'key-found').length;
  const keySize = entries.filter((e) => e.kind !== 'own-unmatched').length;
  const rows = rowsFromMarkers(entries) ?? rowsFromSubmission(entries, ctx.files);
  const submitted = rows?.length ?? submittedFindings(ctx.files).length;
  const review: ReviewSummary = { findings: submitted, matched: found, precision: share(found, submitted), recall: share(found, keySize) };
  base.review = review;
  base.message = `F1 ${(result.score ?? 0).toFixed(2)} (precision ${review.precision.toFixed(2)}, recall ${review.recall.toFixed(2)}): ${found} of your ${submitted} finding${submitted === 1 ? '' : 's'} match${submitted === 1 ? 'es' : ''} a defect in the answer key.`;
  // Without a trustworthy per-finding list, the counts above are all that is shown.
  if (!rows) return base;
  base.tests = rows.sort(byPosition).map((row): TestOutcome => {
    const name = `${findingName(row.finding)}${OWN_SUFFIX}`;
    if (!row.matched) return { name, status: 'fail', message: 'Not a defect in the answer key (check the line and the category).' };
    // A certification never explains a defect: the explanation names the fix.
    return row.explanation === undefined || ctx.certification ? { name, status: 'pass' } : { name, status: 'pass', message: row.explanation };
  });
  return base;
}
