// Certification submissions that look like real ones, for the demo cohort, the bench and tests of the
// similarity check: the solutions of tests/fixtures/similarity/ (an original, a copy of it with renamed
// identifiers and reordered methods, an independent solution) and the reference solutions, varied the
// way candidates' code varies (names, comments, blank lines, an extra statement, a dropped line).
// placeFinalSubmission() makes a file set the one an attempt is scored on for a task.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Db } from '../../src/server/db/open.ts';
import type { Cohort } from '../../src/server/db/cohorts.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { checkCohort, similarityThreshold, type TaskSpec } from '../../src/server/similarity/check.ts';
import { taskSpecs } from '../../src/server/similarity/tasks.ts';
import { readExercise } from '../../src/server/content/files.ts';
import type { ContentIssue } from '../../src/server/content/issues.ts';
import type { Certification } from '../../src/lib/schemas/certification.ts';
import { findingsFile } from '../../src/lib/contracts/submission.ts';
import type { Rng } from '../../src/server/assessment/draw.ts';
import type { StoredPaper } from '../../src/lib/contracts/attempt-paper.ts';
import { taskRoot } from '../../src/server/variants/render.ts';

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export type FixtureKind = 'original' | 'copied' | 'independent';

/**
 * A fixture solution of a task with fixtures in tests/fixtures/similarity/<exercise>/ (null when it has
 * none): the original is the task's reference solution, read from solutions/<exercise>/ rather than
 * kept as a copy; the others are tests/fixtures/similarity/<exercise>/<kind>/.
 */
export function fixtureSolution(root: string, exerciseId: string, kind: FixtureKind): Record<string, string> | null {
  const fixtures = join(root, 'tests/fixtures/similarity', exerciseId);
  if (!existsSync(fixtures)) return null;
  const dir = kind === 'original' ? join(taskRoot(root, exerciseId), 'solutions', exerciseId) : join(fixtures, kind);
  return existsSync(dir) ? readTree(dir) : null;
}

/** Distinct base solutions of a task: its fixtures, else its reference solution. */
export function baseSolutions(root: string, exerciseId: string): Record<string, string>[] {
  const fixtures = (['original', 'independent'] as const).flatMap((k): Record<string, string>[] => {
    const files = fixtureSolution(root, exerciseId, k);
    return files ? [files] : [];
  });
  if (fixtures.length > 0) return fixtures;
  const reference = readTree(join(taskRoot(root, exerciseId), 'solutions', exerciseId));
  return Object.keys(reference).length > 0 ? [reference] : [];
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

/**
 * The same program as a candidate might have typed it: other local names, comments, spacing, one
 * statement more or less ('light': what a copy looks like). 'heavy' also writes many statements its own
 * way (a bookkeeping statement after about every other line), which is how two independently written
 * solutions look to the fingerprints: few runs of a dozen tokens in common.
 */
export function vary(text: string, rng: Rng, strength: 'light' | 'heavy' = 'light'): string {
  if (strength === 'heavy') text = restyle(text, rng);
  const renames = new Map<string, string>();
  const suffix = pick(rng, ['Value', 'Item', 'X', 'Tmp', '2', 'Local']);
  for (const name of ['error', 'previous', 'length', 'tasks', 'task', 'ids', 'found', 'missing', 'refused', 'toChange', 'project', 'projects', 'unsubscribe', 'eventsPublished', 'size', 'old', 'text', 'batch', 'item', 'seen', 'trimmed', 'parts']) {
    if (rng() < 0.6) renames.set(name, `${name}${suffix}`);
  }
  const lines = text.split('\n').map((line) => {
    let out = line.replace(/\b[A-Za-z_]\w*\b/g, (word, at: number) => (line[at - 1] === '.' ? word : (renames.get(word) ?? word)));
    if (/^\s*\/\//.test(out) && rng() < 0.5) out = out.replace(/\/\/.*/, pick(rng, ['// as the task asks', '// see the instructions', '']));
    return out;
  });
  const result: string[] = [];
  for (const line of lines) {
    if (rng() < 0.03 && /;\s*$/.test(line) && !/^\s*(return|throw)/.test(line)) continue;
    result.push(line);
    const indent = line.match(/^\s*/)?.[0] ?? '';
    if (rng() < 0.04 && /\{\s*$/.test(line) && indent.length >= 4) result.push(`${indent}  const checkpoint${Math.floor(rng() * 100)} = Date.now();`);
    if (strength === 'heavy' && rng() < 0.55 && /[;{]\s*$/.test(line) && indent.length >= 4 && !/^\s*(return|throw|case|default)\b/.test(line)) {
      const inner = /\{\s*$/.test(line) ? `${indent}  ` : indent;
      result.push(`${inner}${pick(rng, [`steps.push(${Math.floor(rng() * 9)});`, 'void steps.length;', `if (steps.length > ${Math.floor(rng() * 99)}) steps.splice(0);`, "trace('step');", 'steps.sort();'])}`);
    }
    if (rng() < 0.05) result.push('');
  }
  return result.join('\n');
}

// Habits that differ from one programmer to the next, each taken up by about half of them.
const STYLES: readonly ((text: string) => string)[] = [
  (t) => t.replace(/^(\s*)if \((.*)\) (throw .*;|return.*;)$/gm, '$1if ($2) {\n$1  $3\n$1}'),
  (t) => t.replace(/\bconst (\w+) =/g, 'let $1 ='),
  (t) => t.replace(/ !== undefined/g, ' != null').replace(/ === undefined/g, ' == null'),
  (t) => t.replace(/\.length > 0/g, '.length !== 0').replace(/\.length === 0/g, '.length < 1'),
  (t) => t.replace(/ \+= 1;/g, '++;'),
  (t) => t.replace(/\breadonly (?=[#\w]+[:;=])/g, ''),
  (t) => t.replace(/\((\w+)\) =>/g, '$1 =>'),
  (t) => t.replace(/\): void \{/g, ') {'),
  (t) => t.replace(/^( {2})(?!constructor)(\w+\()/gm, '$1public $2'),
  (t) => t.replace(/Number\.isNaN\(/g, 'isNaN('),
  (t) => t.replace(/ === /g, ' == ').replace(/ !== /g, ' != '),
  (t) => t.replace(/^(\s*)(?:let|const) (\w+) = (await [^;]+);$/gm, '$1let $2;\n$1$2 = $3;'),
];

function restyle(text: string, rng: Rng): string {
  return STYLES.reduce((t, style) => (rng() < 0.5 ? style(t) : t), text);
}

/** A review's findings, most on the answer key and a few wrong ones of the candidate's own. */
export function variedFindings(key: ReadonlySet<string>, rng: Rng, categories: readonly string[]): Record<string, string> {
  const findings = [...key].filter(() => rng() < 0.85).map((k) => {
    const [at = '', category = ''] = k.split(' ');
    const [file = '', line = '0'] = at.split(':');
    return { file, line: Number(line), category };
  });
  const wrong = Math.floor(rng() * 3);
  for (let i = 0; i < wrong; i++) findings.push({ file: 'src/subscription.ts', line: 1 + Math.floor(rng() * 89), category: pick(rng, categories) });
  return { 'findings.json': findingsFile(findings) };
}

/**
 * The fixtures and reference solutions here are written against a task's first variant (the task as
 * it was before it had variants): an attempt given them is made to hold that variant, on its paper and
 * in attempt_tasks, as an attempt from before variants does (no variant: the first).
 */
async function pinFirstVariant(db: Db, attemptId: string, exerciseId: string): Promise<void> {
  const row = await db.get('SELECT paper FROM attempts WHERE id = ?', attemptId) as { paper: string } | undefined;
  if (!row) throw new Error(`no attempt ${attemptId}`);
  const paper = JSON.parse(row.paper) as StoredPaper;
  const task = paper.tasks.find((t) => t.exerciseId === exerciseId);
  if (!task || task.variant === undefined) return;
  delete task.variant;
  await db.run('UPDATE attempts SET paper = ? WHERE id = ?', JSON.stringify(paper), attemptId);
  await db.run('UPDATE attempt_tasks SET variant = NULL WHERE attempt_id = ? AND exercise_id = ?', attemptId, exerciseId);
}

/**
 * Stores `files` as a graded, passing submission of an attempt's task, `at` after the others, so it is
 * the one the attempt is scored on (best score, then latest) and the similarity check compares.
 */
export async function placeFinalSubmission(db: Db, userId: string, attemptId: string, exerciseId: string, files: Record<string, string>, at: number): Promise<string> {
  await pinFirstVariant(db, attemptId, exerciseId);
  const id = await insertQueuedSubmission(db, { userId, exerciseId, attemptId, files, changed: true, now: at });
  await completeSubmission(db, id, { status: 'pass', score: 1, result: { version: 3, status: 'pass', tests: [], durationMs: 200, score: 1, executed: 0, expected: 0 }, durationMs: 200, failedTests: [], now: at + 200 });
  return id;
}

/**
 * A few similar pairs in the demo cohort, so the instructor's "Similar submissions" page has data:
 * candidates with a submitted attempt get the release-entity fixtures (one original, its copy and an
 * independent solution) and the leaky-service fixtures the same way; then the cohort is checked.
 */
export async function seedDemoSimilarity(db: Db, root: string, input: { cohort: Pick<Cohort, 'id' | 'program'>; certification: Certification; now: number }): Promise<void> {
  const attempts = await db.all(`SELECT a.id, a.user_id, a.submitted_at FROM attempts a JOIN cohort_members m ON m.user_id = a.user_id AND m.cohort_id = ?
       WHERE a.status = 'submitted' AND a.kind = 'exam' AND a.program = ?
         AND a.submitted_at = (SELECT MAX(b.submitted_at) FROM attempts b WHERE b.user_id = a.user_id AND b.status = 'submitted' AND b.program = a.program)
       ORDER BY a.submitted_at LIMIT 6`, input.cohort.id, input.cohort.program) as { id: string; user_id: string; submitted_at: number }[];
  const plan: [string, FixtureKind[]][] = [
    ['cert-release-entity', ['original', 'copied', 'independent']],
    ['cert-leaky-service', ['independent', 'original', 'copied']],
  ];
  for (const [exerciseId, kinds] of plan) {
    for (const [i, kind] of kinds.entries()) {
      const attempt = attempts[i + (exerciseId === 'cert-leaky-service' ? 3 : 0)];
      const files = fixtureSolution(root, exerciseId, kind);
      if (attempt && files) await placeFinalSubmission(db, attempt.user_id, attempt.id, exerciseId, files, attempt.submitted_at - 60_000);
    }
  }
  await checkCohort(db, input.cohort, diskTaskSpecs(root, input.certification), similarityThreshold(), input.now);
}

/** The certification's tasks as the check takes them, read from the folders on disk (scripts, tests). */
export function diskTaskSpecs(root: string, certification: Certification): TaskSpec[] {
  const issues: ContentIssue[] = [];
  return taskSpecs(root, certification, (id) => readExercise(root, id, issues)?.data);
}
