// Schema of a program's certification rules: assessments/<program>/certification.json.
// Everything the assessment engine decides (components, weights, pass marks, levels, attempts,
// validity, prerequisites) comes from here, so a new program is content only.
import { z } from 'astro/zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');
const share = z.number().min(0).max(1);

const componentBase = {
  /** Unique within the certification, e.g. "theory". */
  id: slug,
  /** Name shown on results and certificates. */
  name: z.string().min(1),
  /** Weight in the overall score; weights are normalised by their sum. */
  weight: z.number().positive(),
  /** Share needed to pass this component. */
  passMark: share,
};

export const quizComponentSchema = z.strictObject({
  ...componentBase,
  type: z.literal('quiz'),
  /** Number of questions drawn per attempt. */
  questionCount: z.number().int().positive(),
  /** Minimum questions per skill area (stratified draw); the rest are drawn across all areas. */
  perSkillMinimum: z.record(z.string(), z.number().int().nonnegative()).default({}),
});

export const taskComponentSchema = z.strictObject({
  ...componentBase,
  type: z.literal('task'),
  /** Exercise id graded by the sandboxed grader inside the attempt. */
  exercise: slug,
  /** Skill area the task evidences. */
  skill: slug,
});

export const levelSchema = z.strictObject({
  /** Level id, e.g. "developer". */
  id: slug,
  /** Title printed on the certificate. */
  name: z.string().min(1),
  /** What holding this level means. */
  description: z.string().min(1),
  /** Overall score needed for this level (on top of every component's pass mark). */
  minOverallScore: share,
  /** Level that must be held (active) before this one can be awarded. */
  requiresLevel: slug.optional(),
  /** How long a certificate at this level stays valid. */
  validityMonths: z.number().int().positive(),
});

export const certificationSchema = z.strictObject({
  /** Program id this certification belongs to. */
  program: slug,
  /** Certification title. */
  title: z.string().min(1),
  /** Shown on the certification page and in the credential's achievement description. */
  description: z.string().min(1),
  /** What a holder demonstrated: used as the credential's criteria narrative. */
  criteriaNarrative: z.string().min(1),
  /** Scored parts of an attempt. */
  components: z.array(z.discriminatedUnion('type', [quizComponentSchema, taskComponentSchema])).min(1),
  /** Overall weighted score needed to pass. */
  overallPassMark: share,
  /** Levels from lowest to highest; a pass awards the highest level whose rules are met. */
  levels: z.array(levelSchema).min(1),
  /** Conditions to start an attempt. */
  prerequisites: z.strictObject({
    /** Exercise ids that must have a passing submission. */
    exercises: z.array(slug).default([]),
  }),
  /** Server-side time limit of one attempt. */
  timeLimitMinutes: z.number().int().positive(),
  /** Attempt rules. */
  attempts: z.strictObject({
    /** Attempts allowed per learner in total. */
    max: z.number().int().positive(),
    /** Hours to wait after a failed attempt. */
    cooldownHours: z.number().nonnegative(),
    /**
     * Graded submissions allowed per practical task within one attempt; the best of them counts.
     * A submission refused before grading (invalid files, a full grader queue) or one that got no
     * verdict (grader failure, server restart) does not use one.
     */
    submissionsPerTask: z.number().int().positive(),
  }),
});

export type Certification = z.infer<typeof certificationSchema>;
export type CertificationComponent = Certification['components'][number];
export type CertificationLevel = z.infer<typeof levelSchema>;
