// Schema of an exercise definition: exercises/<id>/exercise.json.
// Kinds share the base fields; write-tests and review add what their grading needs.
import { z } from 'astro/zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');
const relPath = z
  .string()
  .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9_./-]+$/, 'must be a relative path inside starter/ without ".."');

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
  /** Bare module specifiers learner files may import. */
  allowedImports: z.array(z.string().min(1)).default(['@practicum/reference']),
  /** Number of tests in tests/hidden: the grader checks this many ran. */
  hiddenTestCount: z.number().int().nonnegative(),
  /** Wall-clock limit for one grading run. */
  timeLimitMs: z.number().int().min(1000).max(30000).default(10000),
};

export const exerciseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.enum(['implement', 'debug', 'optimize']) }),
  z.strictObject({
    ...base,
    kind: z.literal('write-tests'),
    /** Folders under tests/hidden/mutants/. */
    mutants: z.array(slug).min(1),
    /** Share of mutants that must be killed. */
    passMark: z.number().min(0).max(1).default(0.8),
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
  }),
]);

export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseKind = Exercise['kind'];
