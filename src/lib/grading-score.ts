// Scoring math for the exercise kinds that are not plain pass/fail: code-review findings
// (precision, recall, F1 against an answer key, with a line tolerance and matching category)
// and mutation testing (share of mutants killed, required mutants, the behaviour-identical control).
// Pure, so the browser can explain a score too.
import type { ReviewFinding } from './contracts/review-finding.ts';

export interface KeyFinding extends ReviewFinding {
  explanation: string;
}

export interface ReviewMatch {
  /** Index into the key's findings for every key finding the learner found. */
  matchedKey: number[];
  /** For each submitted finding, the key index it matched, or -1 for a false positive. */
  submittedToKey: number[];
  precision: number;
  recall: number;
  f1: number;
}

function matches(submitted: ReviewFinding, key: ReviewFinding, tolerance: number): boolean {
  return (
    submitted.file === key.file &&
    submitted.category === key.category &&
    Math.abs(submitted.line - key.line) <= tolerance
  );
}

/**
 * Pairs submitted findings with key findings one-to-one (a maximum bipartite matching, so the
 * order the learner lists findings in never changes the score), then scores the pairing.
 * Duplicate submissions of one issue count once; the extra copies are false positives.
 */
export function scoreReview(key: readonly KeyFinding[], submitted: readonly ReviewFinding[], tolerance: number): ReviewMatch {
  const keyOwner: number[] = key.map(() => -1);
  const candidates = submitted.map((s) =>
    key
      .map((k, i) => ({ i, distance: Math.abs(s.line - k.line), ok: matches(s, k, tolerance) }))
      .filter((c) => c.ok)
      .sort((a, b) => a.distance - b.distance)
      .map((c) => c.i),
  );
  const tryAssign = (s: number, visited: Set<number>): boolean => {
    for (const k of candidates[s] ?? []) {
      if (visited.has(k)) continue;
      visited.add(k);
      const owner = keyOwner[k] ?? -1;
      if (owner === -1 || tryAssign(owner, visited)) {
        keyOwner[k] = s;
        return true;
      }
    }
    return false;
  };
  for (let s = 0; s < submitted.length; s++) tryAssign(s, new Set());

  const submittedToKey = submitted.map(() => -1);
  keyOwner.forEach((s, k) => {
    if (s !== -1) submittedToKey[s] = k;
  });
  const truePositives = keyOwner.filter((s) => s !== -1).length;
  const precision = submitted.length === 0 ? 0 : truePositives / submitted.length;
  const recall = key.length === 0 ? (submitted.length === 0 ? 1 : 0) : truePositives / key.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    matchedKey: keyOwner.flatMap((s, k) => (s === -1 ? [] : [k])),
    submittedToKey,
    precision,
    recall,
    f1,
  };
}

/** Share of mutants killed, in 0..1; an exercise without mutants cannot award credit. */
export function mutationScore(killed: number, total: number): number {
  if (!Number.isInteger(killed) || !Number.isInteger(total) || killed < 0 || total < 0 || killed > total) {
    throw new RangeError(`invalid mutant counts: killed ${killed} of ${total}`);
  }
  return total === 0 ? 0 : killed / total;
}

/** Rounds a 0..1 score to 4 decimals so stored and displayed scores agree. */
export function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

/** How one mutant fared against the learner's tests. */
export interface MutantResult {
  id: string;
  killed: boolean;
  /** The exercise requires this mutant to be killed (exercise.json `required`). */
  required: boolean;
}

export interface MutationVerdict {
  killed: number;
  total: number;
  /** killed / total in 0..1; 0 when the tests failed on the control copy (they do not judge behaviour). */
  score: number;
  /** Required mutants the tests let through, in the exercise's order. */
  requiredSurvivors: string[];
  passed: boolean;
}

/**
 * The verdict of a write-tests run. A pass needs the score to reach the pass mark AND every
 * required mutant killed (a suite that ignores a whole class of bug, such as UTC, must not pass on
 * the strength of the others), and the control — a copy of the real implementation that differs
 * only in layout — to survive: tests that fail on it judge something other than behaviour (the
 * source text, line numbers, timing) and earn nothing.
 */
export function mutationVerdict(results: readonly MutantResult[], total: number, passMark: number, controlKilled: boolean): MutationVerdict {
  if (controlKilled) return { killed: 0, total, score: 0, requiredSurvivors: [], passed: false };
  if (results.length !== total) throw new RangeError(`${results.length} mutant results for ${total} mutants`);
  const killed = results.filter((r) => r.killed).length;
  const score = mutationScore(killed, total);
  const requiredSurvivors = results.filter((r) => r.required && !r.killed).map((r) => r.id);
  return { killed, total, score, requiredSurvivors, passed: score >= passMark && requiredSurvivors.length === 0 };
}
