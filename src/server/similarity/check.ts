// The similarity check of a cohort: for every certification task, every pair of final submissions
// (of this cohort, or of every cohort of the program when the instructor includes them) is scored by
// the fingerprints it shares (winnow.ts), and the pairs at or above the threshold are stored with their
// matched fragments (db/similarity.ts). Flags are advisory: nothing here touches an attempt, a score
// or a certificate. Running it again on the same submissions gives the same rows and keeps reviews.
//
// A code review is compared on its findings instead of code: every correct review lists the same
// defects, so the findings on the answer key are dropped (like a starter's code) and what is left, the
// same wrong lines and categories reported by two candidates, is what two independent reviews rarely share.
import type { Db } from '../db/open.ts';
import { checkState, cohortsOfProgram, finalSubmissions, recordCheck, replacePairs, type FinalSubmission, type PairInput, type StoredFragment } from '../db/similarity.ts';
import { findingsInFile, REVIEW_FINDINGS_FILE } from '../../lib/contracts/submission.ts';
import { fingerprint, fragments, starterHashes, type Fingerprinted } from './winnow.ts';

/** What the check needs of a certification task (tasks.ts builds it from the exercise's folder). */
export interface TaskSpec {
  exerciseId: string;
  /** The component's name in certification.json. */
  name: string;
  kind: 'code' | 'review';
  /** The files the learner may change; everything else in a submission is ignored. */
  editable: readonly string[];
  /** The starter's files (editable and read-only): their fingerprints count for nobody. */
  starter: Readonly<Record<string, string>>;
  /** A review's answer key, as `file:line category`. */
  key: ReadonlySet<string>;
  /**
   * A task with variants: each variant's own files and key, by variant id (the fields above are its
   * first variant's, which submissions from before variants were given). Submissions of different
   * variants are compared too: identifiers are normalised, so a copy adapted to another variant shows.
   */
  variants?: ReadonlyMap<string, VariantSpec>;
}

export type VariantSpec = Pick<TaskSpec, 'editable' | 'starter' | 'key'>;

/** Code any variant's starter holds counts for nobody, whichever variant a candidate had. */
export function taskStarterHashes(task: TaskSpec): Set<number> {
  const hashes = new Set<number>();
  for (const spec of [task, ...(task.variants?.values() ?? [])]) for (const h of starterHashes(spec.starter)) hashes.add(h);
  return hashes;
}

/** The files and key a submission of `variant` was written against. */
export function variantSpec(task: TaskSpec, variant: string | null | undefined): VariantSpec {
  return (variant ? task.variants?.get(variant) : undefined) ?? task;
}

/** Score at or above which a pair is listed (SIMILARITY_THRESHOLD, a number in (0, 1]). */
export const DEFAULT_THRESHOLD = 0.5;
/** Fewer shared fingerprints than this is never a flag, whatever the score (tiny submissions). */
export const MIN_SHARED_CODE = 5;
export const MIN_SHARED_FINDINGS = 2;

export function similarityThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['SIMILARITY_THRESHOLD'];
  if (raw === undefined || raw === '') return DEFAULT_THRESHOLD;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) throw new Error(`SIMILARITY_THRESHOLD must be a number above 0 and at most 1, got "${raw}"`);
  return value;
}

/** A review's findings one a line, in order: how the pair page shows it and what its fragments point at. */
export function findingsListing(files: Readonly<Record<string, string>>): string {
  return findingsInFile(files[REVIEW_FINDINGS_FILE])
    .map((f) => `${f.file}:${f.line} ${f.category}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .join('\n');
}

/** The files of a submission the check reads, as the pair page shows them: editable files, or a review's listing. */
export function comparedFiles(task: Pick<TaskSpec, 'kind' | 'editable'>, files: Readonly<Record<string, string>>): Record<string, string> {
  if (task.kind === 'review') return { [REVIEW_FINDINGS_FILE]: findingsListing(files) };
  return Object.fromEntries(task.editable.filter((path) => typeof files[path] === 'string').map((path) => [path, files[path] ?? '']));
}

interface Compared {
  set: Set<number>;
  fragmentsWith(other: Compared): StoredFragment[];
}

function codeCompared(task: Pick<TaskSpec, 'kind' | 'editable'>, files: Readonly<Record<string, string>>, starter: ReadonlySet<number>): Compared {
  const fp: Fingerprinted = fingerprint(comparedFiles(task, files), starter);
  const self: Compared & { fp: Fingerprinted } = {
    fp,
    set: fp.set,
    fragmentsWith: (other) => fragments(fp, (other as typeof self).fp).map(({ a, b }) => ({ a, b })),
  };
  return self;
}

// Findings become numbers through one table per task, so two candidates' equal findings are equal numbers.
function reviewCompared(task: Pick<TaskSpec, 'key'>, files: Readonly<Record<string, string>>, ids: Map<string, number>): Compared {
  const lines = findingsListing(files).split('\n').filter(Boolean);
  const lineOf = new Map<number, number>();
  const set = new Set<number>();
  lines.forEach((text, i) => {
    if (task.key.has(text)) return;
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size + 1));
    set.add(id);
    lineOf.set(id, i + 1);
  });
  const self: Compared & { lineOf: Map<number, number> } = {
    set,
    lineOf,
    fragmentsWith: (other) => {
      const theirs = (other as typeof self).lineOf;
      const out: StoredFragment[] = [];
      for (const [id, line] of lineOf) {
        const at = theirs.get(id);
        if (at !== undefined) out.push({ a: { file: REVIEW_FINDINGS_FILE, start: line, end: line }, b: { file: REVIEW_FINDINGS_FILE, start: at, end: at } });
      }
      return out.sort((x, y) => x.a.start - y.a.start);
    },
  };
  return self;
}

/**
 * The pairs of these submissions at or above the threshold. With `among`, only pairs with at least one
 * side in it (a cohort's candidates, when the others come from the program's other cohorts).
 */
export function similarPairs(task: TaskSpec, submissions: readonly FinalSubmission[], threshold: number, among?: ReadonlySet<string>): PairInput[] {
  const starter = task.kind === 'code' ? taskStarterHashes(task) : new Set<number>();
  const ids = new Map<string, number>();
  const compared = submissions.map((s) => {
    const spec = variantSpec(task, s.variant);
    return task.kind === 'code' ? codeCompared({ kind: task.kind, editable: spec.editable }, s.files, starter) : reviewCompared(spec, s.files, ids);
  });
  const n = submissions.length;
  // Shared fingerprints of every pair through an inverted index: only pairs that share something cost anything.
  const postings = new Map<number, number[]>();
  compared.forEach((c, i) => {
    for (const h of c.set) {
      const list = postings.get(h);
      if (list) list.push(i);
      else postings.set(h, [i]);
    }
  });
  const shared = new Int32Array(n * n);
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x++) {
      const i = list[x] ?? 0;
      for (let y = x + 1; y < list.length; y++) {
        const at = i * n + (list[y] ?? 0);
        shared[at] = (shared[at] ?? 0) + 1;
      }
    }
  }
  const minShared = task.kind === 'code' ? MIN_SHARED_CODE : MIN_SHARED_FINDINGS;
  const out: PairInput[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const count = shared[i * n + j] ?? 0;
      if (count < minShared) continue;
      const a = compared[i];
      const b = compared[j];
      const sa = submissions[i];
      const sb = submissions[j];
      if (!a || !b || !sa || !sb || sa.userId === sb.userId) continue;
      if (among && !among.has(sa.userId) && !among.has(sb.userId)) continue;
      // Shared distinct fingerprints are what the index counted: the Dice score needs nothing more.
      const value = (2 * count) / (a.set.size + b.set.size);
      if (value < threshold) continue;
      // Stored with user_a < user_b, the fragments' sides following.
      const [first, second, cFirst, cSecond] = sa.userId < sb.userId ? [sa, sb, a, b] : [sb, sa, b, a];
      out.push({
        exerciseId: task.exerciseId,
        userA: first.userId,
        userB: second.userId,
        submissionA: first.submissionId,
        submissionB: second.submissionId,
        score: Math.round(value * 1000) / 1000,
        shared: count,
        fragments: cFirst.fragmentsWith(cSecond),
      });
    }
  }
  return out;
}

export interface CheckOutcome {
  submissions: number;
  pairs: number;
  durationMs: number;
}

/**
 * One task at a time (a generator, so the server can yield to requests between tasks). Each task's
 * read of the final submissions and the replacement of its pairs is one transaction: the pairs
 * stored are always those of the submissions read (the comparison in between is synchronous work
 * that holds the process anyway).
 */
async function* checkSteps(db: Db, cohort: { id: string; program: string }, tasks: readonly TaskSpec[], threshold: number, now: number): AsyncGenerator<void, CheckOutcome> {
  const started = performance.now();
  const across = (await checkState(db, cohort.id)).acrossProgram;
  const cohortIds = across ? await cohortsOfProgram(db, cohort.program) : [cohort.id];
  const members = across ? new Set(await finalMembers(db, cohort.id)) : undefined;
  let submissions = 0;
  let pairs = 0;
  for (const task of tasks) {
    const { finals, found } = await db.transaction(async (tx) => {
      const finals = await finalSubmissions(tx, cohortIds, cohort.program, task.exerciseId);
      const found = similarPairs(task, finals, threshold, members);
      await replacePairs(tx, cohort.id, task.exerciseId, found, now);
      return { finals, found };
    });
    submissions += members ? finals.filter((f) => members.has(f.userId)).length : finals.length;
    pairs += found.length;
    yield;
  }
  const outcome = { submissions, pairs, durationMs: Math.round(performance.now() - started) };
  await recordCheck(db, cohort.id, { checkedAt: now, ...outcome });
  return outcome;
}

async function finalMembers(db: Db, cohortId: string): Promise<string[]> {
  return (await db.all('SELECT user_id FROM cohort_members WHERE cohort_id = ?', cohortId) as { user_id: string }[]).map((r) => r.user_id);
}

/** Checks a cohort now, all at once (scripts, the demo, tests). */
export async function checkCohort(db: Db, cohort: { id: string; program: string }, tasks: readonly TaskSpec[], threshold: number, now = Date.now()): Promise<CheckOutcome> {
  const steps = checkSteps(db, cohort, tasks, threshold, now);
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

/** The same check, letting other work run between tasks (the server's background job and "check now"). */
export async function checkCohortSoon(db: Db, cohort: { id: string; program: string }, tasks: readonly TaskSpec[], threshold: number, now = Date.now()): Promise<CheckOutcome> {
  const steps = checkSteps(db, cohort, tasks, threshold, now);
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
