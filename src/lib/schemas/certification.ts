// Schema of a program's certification ladder: assessments/<program>/certification.json.
// Everything the assessment engine decides comes from here, so a new program is content only: the
// scored components, and per level its prerequisites, its assessment (a timed exam of components or
// a case study reviewed against a rubric), pass rules, validity, recertification, practice exam and
// the words of its credential.
import { z } from 'astro/zod';
import { caseStudyPeerReviewSchema } from './peer-review.ts';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');
const share = z.number().min(0).max(1);
const extension = z.string().regex(/^[a-z0-9]{1,10}$/, 'a file name extension without the dot, e.g. "md"');

const componentBase = {
  /** Unique within the certification, e.g. "theory". */
  id: slug,
  /** Name shown on results and certificates. */
  name: z.string().min(1),
  /** Weight in an exam's overall score; an exam normalises the weights of its components by their sum. */
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

export const taskComponentSchema = z
  .strictObject({
    ...componentBase,
    type: z.literal('task'),
    /** Exercise id graded by the sandboxed grader inside the attempt. */
    exercise: slug,
    /** The one skill area the task evidences (its whole weight); give `skills` instead when it evidences several. */
    skill: slug.optional(),
    /**
     * The skill areas a task evidences when it is more than one, each with a weight, e.g.
     * `{ "entity-implementation": 3, "domain-event-handling": 1 }`: the task's score counts as evidence
     * for every area listed, carrying that area's share (weight ÷ sum of weights) of the component's
     * weight. Weigh by what the task's grading measures (its hidden tests or review key per area).
     * src/lib/skill-evidence.ts reads `skill` and `skills` for scoring and every report.
     */
    skills: z.record(slug, z.number().positive()).optional(),
  })
  .superRefine((c, ctx) => {
    const several = c.skills === undefined ? 0 : Object.keys(c.skills).length;
    if ((c.skill === undefined) === (c.skills === undefined) || (c.skills !== undefined && several === 0)) {
      ctx.addIssue({ code: 'custom', path: ['skill'], message: 'give the skill area the task evidences: "skill": "<area id>", or "skills": { "<area id>": <weight>, … } when it evidences several (not both)' });
    }
  });

export const attemptRulesSchema = z.strictObject({
  /** Attempts allowed per learner in one cycle (a cycle restarts when a certificate at the level expires). */
  max: z.number().int().positive(),
  /** Hours to wait after a failed attempt. */
  cooldownHours: z.number().nonnegative(),
  /**
   * Graded submissions allowed per practical task within one attempt; the best of them counts.
   * A submission refused before grading (invalid files, a full grader queue) or one that got no
   * verdict (grader failure, server restart) does not use one.
   */
  submissionsPerTask: z.number().int().positive(),
});

/** A timed, server-scored exam: some of the certification's components on one paper. */
export const examSchema = z.strictObject({
  type: z.literal('exam'),
  /** Ids of the components (from `components`) on this exam's paper, in the order shown. */
  components: z.array(slug).min(1),
  /** Overall weighted score needed to pass. */
  overallPassMark: share,
  /** How many components must meet their pass mark to pass; every one when left out. */
  minComponentsPassed: z.number().int().positive().optional(),
  /** A pass with at least this overall score is marked on the certificate, e.g. "with distinction". */
  distinction: z.strictObject({ minOverallScore: share, title: z.string().min(1) }).optional(),
  /** Server-side time limit of one attempt. */
  timeLimitMinutes: z.number().int().positive(),
  attempts: attemptRulesSchema,
});

export const rubricSchema = z.strictObject({
  /** The points a reviewer may give each criterion, lowest first, each with what it means. */
  scale: z.array(z.strictObject({ points: z.number().int().nonnegative(), label: z.string().min(1) })).min(2),
  criteria: z
    .array(
      z.strictObject({
        /** Unique within the rubric. */
        id: slug,
        title: z.string().min(1),
        /** What the reviewer looks for (Markdown inline). */
        description: z.string().min(1),
        /** Skill area the criterion evidences (shown per area on the certificate). */
        skill: slug.optional(),
        /** Points this criterion needs at least, whatever the total. */
        minPoints: z.number().int().nonnegative(),
      }),
    )
    .min(1),
  /** Share of the maximum total points needed to pass. */
  passMark: share,
});

/** A written design plus code, uploaded as files and signed off by an instructor against a rubric. */
export const caseStudySchema = z.strictObject({
  type: z.literal('case-study'),
  /** What the candidate designs and builds (Markdown), shown on the case study page. */
  brief: z.string().min(1),
  files: z.strictObject({
    /** File name extensions accepted (text files only). */
    extensions: z.array(extension).min(1),
    /** Kinds of file the upload must contain at least one of each, e.g. the written design and the code. */
    required: z.array(z.strictObject({ name: z.string().min(1), extensions: z.array(extension).min(1) })).default([]),
    maxFiles: z.number().int().positive(),
    maxFileBytes: z.number().int().positive(),
    maxTotalBytes: z.number().int().positive(),
  }),
  rubric: rubricSchema,
  /** Holders of some levels review it beside the instructor, on the same review model as the final project's peer review; left out, the instructor reviews alone. */
  peerReview: caseStudyPeerReviewSchema.optional(),
});

export const assessmentSchema = z.discriminatedUnion('type', [examSchema, caseStudySchema]);

export const levelSchema = z.strictObject({
  /** Level id, e.g. "associate". */
  id: slug,
  /** Title printed on the certificate and the credential's achievement name. */
  name: z.string().min(1),
  /** What holding this level means (the credential's achievement description). */
  description: z.string().min(1),
  /** What a holder demonstrated (the credential's criteria narrative). */
  criteria: z.string().min(1),
  /** How long a certificate at this level stays valid. */
  validityMonths: z.number().int().positive(),
  /** Conditions to take the level's assessment (renewals need only the level itself, held and active). */
  prerequisites: z
    .strictObject({
      /** Practice exercise ids that must have a passing submission. */
      exercises: z.array(slug).default([]),
      /** A lower level that must be held (active), for at least heldForMonths unless a cohort waives the wait. */
      level: z
        .strictObject({
          id: slug,
          heldForMonths: z.number().int().nonnegative().default(0),
          /** An instructor may waive heldForMonths for their cohort. */
          waivable: z.boolean().default(false),
        })
        .optional(),
    })
    .default({ exercises: [] }),
  /** How the level is earned. */
  assessment: assessmentSchema,
  /** How a holder renews before expiry, with a shorter assessment. Without it a level is only earned again. */
  recertification: z
    .strictObject({
      /** Days before expiry from which the renewal can be taken. */
      opensDaysBeforeExpiry: z.number().int().positive(),
      assessment: assessmentSchema,
    })
    .optional(),
  /** A practice exam available at any time: quiz items flagged `practice: true`, scored, never credited. */
  practice: z
    .strictObject({
      questionCount: z.number().int().positive(),
      /** Sessions the practice items are drawn from (all when left out). */
      sessions: z.array(z.number().int().positive()).min(1).optional(),
      /** Difficulties the practice items are drawn from (all when left out). */
      difficulties: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1).optional(),
    })
    .optional(),
});

export const certificationSchema = z.strictObject({
  /** Program id this certification belongs to. */
  program: slug,
  /** Certification title (the ladder as a whole). */
  title: z.string().min(1),
  /** Shown on the certification page. */
  description: z.string().min(1),
  /** Scored parts the levels' exams are made of. */
  components: z.array(z.discriminatedUnion('type', [quizComponentSchema, taskComponentSchema])).min(1),
  /** Levels from lowest to highest. */
  levels: z.array(levelSchema).min(1),
  /** Days before a certificate expires from which its holder is reminded to renew. */
  renewalReminderDays: z.number().int().positive().default(30),
});

export type Certification = z.infer<typeof certificationSchema>;
export type CertificationComponent = Certification['components'][number];
export type CertificationLevel = z.infer<typeof levelSchema>;
export type Exam = z.infer<typeof examSchema>;
export type CaseStudy = z.infer<typeof caseStudySchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
export type Rubric = z.infer<typeof rubricSchema>;
/** Why an attempt, case study or certificate exists: earning a level, or renewing one held. */
export type Purpose = 'certify' | 'renew';

/** The level's assessment for a purpose (null: the level has no renewal). */
export function assessmentFor(level: CertificationLevel, purpose: Purpose): Assessment | null {
  return purpose === 'certify' ? level.assessment : (level.recertification?.assessment ?? null);
}

/** The components of an exam, in its order (ids the certification does not define are left out; content:check reports them). */
export function examComponents(certification: Pick<Certification, 'components'>, exam: Pick<Exam, 'components'>): CertificationComponent[] {
  return exam.components.flatMap((id) => certification.components.filter((c) => c.id === id));
}
