// Schema of a program definition: content/programs/<program>/program.json.
// A program is sessions, each a timed agenda of blocks (openings, modules with their lessons, breaks,
// wrap-ups…), plus the skill areas and KPIs instructors report against.
import { z } from 'astro/zod';
import { peerReviewSchema } from './peer-review.ts';
import { programFeedbackSchema } from './program-feedback.ts';

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

/** What an agenda block is for. Modules and the assessment teach (they own lessons, objectives and, by
 * exercise.json's "module", exercises); the others frame them: openings, homework review, project
 * presentations, breaks, wrap-ups and the closing celebration. */
export const TEACHING_KINDS = ['module', 'assessment'] as const;
export const FRAMING_KINDS = ['opening', 'homework-review', 'presentations', 'break', 'wrap-up', 'celebration'] as const;
export const BLOCK_KINDS = [...TEACHING_KINDS, ...FRAMING_KINDS] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** Fields every agenda block has. */
const blockFields = {
  /** Block title as in the training plan ("Opening", "Break", "Domain Events System"). */
  title: z.string().min(1),
  /** Planned duration in minutes; a session lasts the sum of its blocks. */
  durationMinutes: z.number().int().positive(),
  /** What happens in the block, one line each (shown to learners on the program page and to the instructor running it). */
  notes: z.array(z.string().min(1)).default([]),
  /** Exercise ids this block works with beyond those exercise.json places in it (e.g. the homework reviewed in an opening). */
  exercises: z.array(slug).default([]),
};

/** A module (or the assessment): teaches, so it has an id exercises refer to, objectives and lessons. */
export const moduleSchema = z.strictObject({
  kind: z.enum(TEACHING_KINDS),
  /** Unique within the program, e.g. "s1-m2"; exercise.json's "module" names it. */
  id: slug,
  ...blockFields,
  /** Learning objectives, one sentence each. */
  objectives: z.array(z.string().min(1)).min(1),
  /** Lesson slugs (file names under lessons/ without .mdx), in reading order. */
  lessons: z.array(slug).min(1),
});

/** A block that frames the teaching: an opening, homework review, presentations, a break, a wrap-up, the celebration. */
export const framingBlockSchema = z.strictObject({
  kind: z.enum(FRAMING_KINDS),
  ...blockFields,
  /** Lessons read in this block (a wrap-up's summary, the welcome), in reading order; a break has none. */
  lessons: z.array(slug).default([]),
});

export const agendaBlockSchema = z.discriminatedUnion('kind', [moduleSchema, framingBlockSchema]);

export const sessionSchema = z.strictObject({
  /** Session number, 1-based and consecutive. */
  number: z.number().int().positive(),
  /** Session title. */
  title: z.string().min(1),
  /** What the session covers, one paragraph. */
  summary: z.string().min(1),
  /** The whole session in order, from the opening to the wrap-up; its length is the sum of the blocks' durations (there is no separate session length to disagree with it). */
  agenda: z.array(agendaBlockSchema).min(1),
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
    /** Target share of program-feedback respondents who rate the training Excellent or Very good (4 or 5; see programFeedback). */
    excellentRatingRate: share.optional(),
  }),
  /** Sessions in order. */
  sessions: z.array(sessionSchema).min(1),
  /** The program's own reference library; left out, its exercises use the platform's (reference/, "@practicum/reference"). */
  referenceLibrary: referenceLibrarySchema.optional(),
  /** Peer review of the final project by the cohort (schemas/peer-review.ts); left out, the program has none. */
  peerReview: peerReviewSchema.optional(),
  /** The end-of-program feedback form (schemas/program-feedback.ts); left out, the program has none. */
  programFeedback: programFeedbackSchema.optional(),
});

export type Program = z.infer<typeof programSchema>;
export type ProgramSession = z.infer<typeof sessionSchema>;
export type ProgramModule = z.infer<typeof moduleSchema>;
export type FramingBlock = z.infer<typeof framingBlockSchema>;
export type AgendaBlock = z.infer<typeof agendaBlockSchema>;
export type ReferenceLibraryField = z.infer<typeof referenceLibrarySchema>;
