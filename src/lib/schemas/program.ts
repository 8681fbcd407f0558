// Schema of a program definition: content/programs/<program>/program.json.
// A program is sessions → modules → lessons, plus the skill areas and KPIs instructors report against.
import { z } from 'astro/zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');
const share = z.number().min(0).max(1);

export const skillAreaSchema = z.strictObject({
  /** Stable id used by exercises, questions and reports (e.g. "implementation"). */
  id: slug,
  /** Name shown to learners and instructors. */
  name: z.string().min(1),
  /** One sentence on what competence in this area means. */
  description: z.string().min(1),
  /** Competency target as a share (0.8 = 80 %). */
  target: share,
});

export const moduleSchema = z.strictObject({
  /** Unique within the program, e.g. "s1-m2". */
  id: slug,
  /** Module title as in the training plan. */
  title: z.string().min(1),
  /** Planned duration in minutes. */
  durationMinutes: z.number().int().positive(),
  /** Learning objectives, one sentence each. */
  objectives: z.array(z.string().min(1)).min(1),
  /** Lesson slugs (file names under lessons/ without .mdx), in reading order. */
  lessons: z.array(slug).min(1),
});

export const sessionSchema = z.strictObject({
  /** Session number, 1-based and consecutive. */
  number: z.number().int().positive(),
  /** Session title. */
  title: z.string().min(1),
  /** Planned duration in minutes (2 h = 120). */
  durationMinutes: z.number().int().positive(),
  /** What the session covers, one paragraph. */
  summary: z.string().min(1),
  /** Modules in teaching order. */
  modules: z.array(moduleSchema).min(1),
});

/**
 * A program's own reference library: TypeScript modules inside the program's folder that its exercises
 * import (and its lessons teach) under a bare specifier. Without it a program uses the platform's
 * library, reference/ at the project root, imported as "@practicum/reference".
 */
export const referenceLibrarySchema = z.strictObject({
  /** The bare specifier exercises import it by, e.g. "@money-basics/money" (a package name: lowercase, optionally scoped). */
  specifier: z
    .string()
    .regex(/^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/, 'must be a package name such as "@my-program/library" (lowercase; one "@scope/" at most)'),
  /** Its entry module, relative to the program's folder (e.g. "library/index.ts"); every module in the entry's folder belongs to the library. */
  entry: z
    .string()
    .regex(/^(?!\/)(?!.*\.\.)(?!(?:.*\/)?\.(?:\/|$))(?!.*\/\/)[A-Za-z0-9_./-]+\.ts$/, 'must be a .ts file inside the program\'s folder, e.g. "library/index.ts" (no "..", no leading "/")'),
});

export const programSchema = z.strictObject({
  /** Same as the folder name. */
  id: slug,
  /** Program title. */
  title: z.string().min(1),
  /** One-paragraph summary for the catalogue. */
  summary: z.string().min(1),
  /** Who the program is for. */
  audience: z.string().min(1),
  /** What a learner should know before starting. */
  prerequisites: z.array(z.string().min(1)),
  /** Program-level objectives. */
  objectives: z.array(z.string().min(1)).min(1),
  /** Skill areas with competency targets. */
  skillAreas: z.array(skillAreaSchema).min(1),
  /** Program KPIs instructors track (shares). */
  kpis: z.strictObject({
    /** Target share of learners completing all sessions. */
    completionRate: share,
    /** Target share of learners earning the certificate. */
    certificationRate: share,
  }),
  /** Sessions in order. */
  sessions: z.array(sessionSchema).min(1),
  /** The program's own reference library; left out, its exercises use the platform's (reference/, "@practicum/reference"). */
  referenceLibrary: referenceLibrarySchema.optional(),
});

export type Program = z.infer<typeof programSchema>;
export type ProgramSession = z.infer<typeof sessionSchema>;
export type ProgramModule = z.infer<typeof moduleSchema>;
export type ReferenceLibraryField = z.infer<typeof referenceLibrarySchema>;
