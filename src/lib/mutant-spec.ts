// How a write-tests exercise describes its mutants (exercise.json `mutants`): the folder of each
// broken copy, the class of bug it stands for (named to learners in plain words) and whether a
// submission must catch it to pass. Used by the exercise schema (src/lib/schemas/exercise.ts), the
// one reader of exercise.json for content:check, the site and the grader alike. Pure: the browser
// may import it.

/** One mutant as the grader uses it; a plain string in exercise.json is `{ id, required: false }`. */
export interface MutantSpec {
  /** Folder under tests/hidden/mutants/. */
  id: string;
  /** Class of bug it represents: a key of MUTANT_CLASS_LABELS or of the exercise's mutantClasses. */
  class?: string;
  /** A submission passes only when it catches this mutant, whatever its score. */
  required: boolean;
  /** One sentence in learner words describing the bug, shown when the mutant survives. */
  description?: string;
}

/** Learner words for the classes of bug mutants represent, as in "Your tests let a UTC bug through". */
export const MUTANT_CLASS_LABELS: Readonly<Record<string, string>> = {
  utc: 'a UTC bug',
  events: 'an update-event bug',
  validation: 'a validation bug',
  immutability: 'an immutability bug',
  timestamps: 'a timestamp bug',
  boundary: 'an off-by-one bug',
  identity: 'an identity bug',
  performance: 'a performance bug',
};

/** The learner-facing name of a mutant's class ("a UTC bug"); the exercise's own labels win. */
export function mutantClassLabel(cls: string | undefined, exerciseLabels: Readonly<Record<string, string>> = {}): string {
  if (cls === undefined) return 'a bug';
  return exerciseLabels[cls] ?? MUTANT_CLASS_LABELS[cls] ?? `a ${cls} bug`;
}

/** A plain mutant name, or the described form, normalised to a MutantSpec. */
export function toMutantSpec(entry: string | { id: string; class: string; required?: boolean | undefined; description?: string | undefined }): MutantSpec {
  if (typeof entry === 'string') return { id: entry, required: false };
  const spec: MutantSpec = { id: entry.id, class: entry.class, required: entry.required ?? false };
  if (entry.description !== undefined) spec.description = entry.description;
  return spec;
}

export interface MutantListProblem {
  /** Field path inside exercise.json, e.g. `mutants[3].class`. */
  field: string;
  message: string;
}

/**
 * Rules across the list that a per-entry schema cannot express: every id once, and every class
 * named in learner words (built in, or in the exercise's `mutantClasses`). Entries written as
 * objects always have a class, so the field path points at their `.id` / `.class`.
 */
export function mutantListProblems(mutants: readonly MutantSpec[], exerciseLabels: Readonly<Record<string, string>>): MutantListProblem[] {
  const problems: MutantListProblem[] = [];
  const firstAt = new Map<string, number>();
  mutants.forEach((m, i) => {
    const at = m.class !== undefined ? `mutants[${i}].id` : `mutants[${i}]`;
    const earlier = firstAt.get(m.id);
    if (earlier !== undefined) problems.push({ field: at, message: `mutant "${m.id}" is listed twice (also mutants[${earlier}])` });
    else firstAt.set(m.id, i);
    if (m.class !== undefined && exerciseLabels[m.class] === undefined && MUTANT_CLASS_LABELS[m.class] === undefined) {
      const known = Object.keys(MUTANT_CLASS_LABELS).join(', ');
      problems.push({ field: `mutants[${i}].class`, message: `unknown class "${m.class}": use one of ${known}, or give it a label in "mutantClasses"` });
    }
  });
  return problems;
}
