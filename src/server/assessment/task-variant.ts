// Which variant of a certification task a candidate is given, and which one an attempt holds. A
// draw takes a variant this candidate has not had in an earlier attempt (a retake is a new task),
// and among those the one least given to the other members of their cohorts, ties broken at random:
// neighbours in a cohort get different tasks until every variant is in use, and then the variants
// spread evenly. Attempts stored before the task had variants hold none: they were given the task
// as it was, which its first variant reproduces.
import type { StoredPaper } from '../../lib/contracts/attempt-paper.ts';
import type { Rng } from './draw.ts';

export interface VariantDraw {
  /** The task's variant ids, in variants.json order. */
  variants: readonly string[];
  /** Variants this candidate had in earlier attempts (null: an attempt from before variants, i.e. the first). */
  seen: readonly (string | null)[];
  /** How often the candidate's cohort peers were given each variant (null as in `seen`). */
  cohortUsage: ReadonlyMap<string | null, number>;
  rng: Rng;
}

const named = (variants: readonly string[], id: string | null): string | undefined => id ?? variants[0];

export function drawVariant({ variants, seen, cohortUsage, rng }: VariantDraw): string {
  if (variants.length === 0) throw new Error('a task with variants has at least one');
  const had = new Set(seen.map((id) => named(variants, id)));
  const fresh = variants.filter((v) => !had.has(v));
  // Every variant already had (a candidate's seventh attempt): any may come again.
  const pool = fresh.length > 0 ? fresh : variants;
  const usage = new Map<string, number>();
  for (const [id, n] of cohortUsage) {
    const v = named(variants, id);
    if (v !== undefined) usage.set(v, (usage.get(v) ?? 0) + n);
  }
  const least = Math.min(...pool.map((v) => usage.get(v) ?? 0));
  const candidates = pool.filter((v) => (usage.get(v) ?? 0) === least);
  return candidates[Math.floor(rng() * candidates.length)] ?? candidates[0] ?? pool[0]!;
}

/** The variant an attempt's task holds; null for a task without variants. */
export function taskVariant(task: StoredPaper['tasks'][number] | undefined, variants: readonly string[] | undefined): string | null {
  if (!variants || variants.length === 0) return null;
  return task?.variant ?? variants[0] ?? null;
}
