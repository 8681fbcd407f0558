// Schema of an exercise definition: exercises/<id>/exercise.json.
// Kinds share the base fields; write-tests and review add what their grading needs.
import { z } from 'astro/zod';
import { mutantListProblems, toMutantSpec, type MutantSpec } from '../mutant-spec.ts';
import { projectRequirementFields } from './project-requirements.ts';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');
const relPath = z
  .string()
  // a certification task with variants may name files by a parameter ("src/{{entity|kebab}}.ts"): each
  // variant renders the path (src/server/variants/template.ts)
  .regex(/^(?!\/)(?!.*\.\.)(?:[A-Za-z0-9_./-]|\{\{[A-Za-z_][A-Za-z0-9_]*(?:\|[a-z]+)?\}\})+$/, 'must be a relative path inside starter/ without ".."')
  // the grader writes learner files at these paths: "./x", "a//b" and "a/" name no file of their own
  .regex(/^(?!(?:.*\/)?\.(?:\/|$))(?!.*\/\/)(?!.*\/$)/, 'must name a file: folders separated by one "/", no "." parts, no "/" at the end');

const base = {
  /** Same as the folder name. */
  id: slug,
  /** Program the exercise belongs to. */
  program: slug,
  /** Title shown to learners. */
  title: z.string().min(1),
  /** One sentence for listings. */
  summary: z.string().min(1),
  /** Session number it belongs to (1-based). */
  session: z.number().int().positive(),
  /** Module id from program.json. */
  module: slug,
  /** Skill area id from program.json. */
  skill: slug,
  /** How hard it is. */
  difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
  /** Expected time in minutes. */
  estimateMinutes: z.number().int().positive(),
  /** Markdown file with the instructions, relative to the exercise folder. */
  instructions: z.string().regex(/\.mdx?$/, 'must be a .md or .mdx file'),
  /** Files (relative to starter/) the learner edits. */
  editable: z.array(relPath).min(1),
  /** Other starter files shown read-only. */
  readonly: z.array(relPath).default([]),
  /** Certification tasks never offer "show solution". */
  certification: z.boolean().default(false),
  /**
   * Bare module specifiers learner files may import. Left out: the program's reference library
   * (program.json referenceLibrary; see src/server/content/reference-library.ts).
   */
  allowedImports: z.array(z.string().min(1)).optional(),
  /** Number of tests in tests/hidden: the grader checks this many ran. */
  hiddenTestCount: z.number().int().nonnegative(),
  /** Wall-clock limit for one grading run. */
  timeLimitMs: z.number().int().min(1000).max(30000).default(10000),
  /**
   * Homework a cohort hands in and its instructor reviews: due before the given session (the cohort's
   * date for it). Never a certification task.
   */
  homework: z.strictObject({ dueBeforeSession: z.number().int().min(2) }).optional(),
};

/**
 * The learner's own tests (their editable *.test.ts files), run against their own code on top of the
 * hidden suite: at least `minPassing` of them, every one passing.
 */
const learnerTests = z.strictObject({ minPassing: z.number().int().min(1).max(50) });

/** A mutant named by its folder under tests/hidden/mutants/ alone (it is not required). */
const mutantName = slug;

/** A mutant with the class of bug it represents. */
const mutantObject = z.strictObject({
  /** Folder under tests/hidden/mutants/. */
  id: slug,
  /** Class of bug it represents (utc, events, validation …), named to the learner when it survives. */
  class: slug,
  /** When true, a submission passes only if it catches this mutant, whatever its score. */
  required: z.boolean().default(false),
  /** One sentence in learner words describing the bug, shown when the mutant survives. */
  description: z.string().min(1).optional(),
});

/**
 * Each entry checked by the schema for its form (a string, or an object), so a problem is reported
 * at the entry's own field instead of as "matches neither form"; normalised to MutantSpec.
 */
const mutantList = z
  .array(z.unknown())
  .min(1)
  .transform((entries, ctx): MutantSpec[] => {
    const specs: MutantSpec[] = [];
    entries.forEach((entry, i) => {
      if (typeof entry !== 'string' && (typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
        ctx.issues.push({ code: 'custom', path: [i], input: entry, message: 'must be a mutant folder name ("off-by-one") or an object {"id", "class", "required", "description"}' });
        return;
      }
      // reportInput: each issue keeps the value it is about, so a message can quote it
      const parsed = typeof entry === 'string' ? mutantName.safeParse(entry, { reportInput: true }) : mutantObject.safeParse(entry, { reportInput: true });
      if (parsed.success) specs.push(toMutantSpec(parsed.data));
      else for (const issue of parsed.error.issues) ctx.issues.push({ input: entry, ...issue, path: [i, ...issue.path] } as (typeof ctx.issues)[number]);
    });
    return specs;
  });

/** `mutants[3].class` → ['mutants', 3, 'class'], so zod issues name the field as the shared checks do. */
function fieldPath(field: string): (string | number)[] {
  return field.split(/[.[\]]+/).filter((p) => p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export const exerciseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.enum(['implement', 'debug', 'optimize']), learnerTests: learnerTests.optional(), ...projectRequirementFields }),
  z
    .strictObject({
      ...base,
      kind: z.literal('write-tests'),
      /** Broken copies under tests/hidden/mutants/: each a folder name (mutantName) or described (mutantObject). */
      mutants: mutantList,
      /** Labels for mutant classes the built-in list lacks: class → learner words such as "a UTC bug". */
      mutantClasses: z.record(slug, z.string().min(1)).default({}),
      /** Share of mutants that must be killed (required mutants must be killed on top of it). */
      passMark: z.number().min(0).max(1).default(0.8),
    })
    .superRefine((exercise, ctx) => {
      for (const problem of mutantListProblems(exercise.mutants, exercise.mutantClasses)) {
        ctx.addIssue({ code: 'custom', path: fieldPath(problem.field), message: problem.message });
      }
    }),
  z.strictObject({
    ...base,
    kind: z.literal('review'),
    /** Starter files to review, shown with line numbers. */
    reviewFiles: z.array(relPath).min(1),
    /** Finding categories the learner chooses from. */
    categories: z.array(slug).min(2),
    /** F1 score needed to pass. */
    passMark: z.number().min(0).max(1).default(0.7),
    /**
     * Most findings one submission may list. Keep it low for certification reviews: with feedback on
     * which of a candidate's own findings matched, a long list would let them probe for the key.
     */
    maxFindings: z.number().int().min(1).max(100).default(100),
  }),
]);

export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseKind = Exercise['kind'];
