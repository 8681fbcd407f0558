// Schemas of peer review in content: a program's peer review of its final project (program.json
// "peerReview": the exercise, how many peers review each submission, how long they have, the rubric)
// and a case study's peer review (certification.json, a case-study assessment's "peerReview": which
// level holders review it). Both are read by the same review engine (src/server/peer-review/)
// through ReviewRubric, which a case study's own rubric also satisfies.
import { z } from 'astro/zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');

export const peerRubricSchema = z
  .strictObject({
    /** The points a reviewer may give each criterion, lowest first, each with its label and what it means. */
    scale: z.array(z.strictObject({ points: z.number().int().nonnegative(), label: z.string().min(1), description: z.string().min(1).optional() })).min(2),
    criteria: z
      .array(
        z.strictObject({
          /** Unique within the rubric. */
          id: slug,
          title: z.string().min(1),
          /** What the reviewer looks for (Markdown inline). */
          description: z.string().min(1),
          /** What each point of the scale means for this criterion: one sentence per scale entry, in the scale's order. */
          levels: z.array(z.string().min(1)).optional(),
        }),
      )
      .min(1),
  })
  .superRefine((rubric, ctx) => {
    rubric.scale.forEach((s, i) => {
      const before = rubric.scale[i - 1];
      if (before && s.points <= before.points) ctx.addIssue({ code: 'custom', path: ['scale', i, 'points'], message: `must be more than the entry before it (${before.points}): list the scale lowest first` });
    });
    const seen = new Set<string>();
    rubric.criteria.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `"${c.id}" is used twice: give each criterion its own id` });
      seen.add(c.id);
      if (c.levels && c.levels.length !== rubric.scale.length) {
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'levels'], message: `has ${c.levels.length} entries but the scale has ${rubric.scale.length}: give one sentence per point of the scale, lowest first` });
      }
    });
  });

/** program.json "peerReview": learners put their final project up for review by two peers of their cohort. */
export const peerReviewSchema = z.strictObject({
  /** The practice exercise whose latest passing submission a learner sends for review (the final project). */
  exercise: slug,
  /** Peers of the cohort who review each submission. */
  reviewers: z.number().int().min(1).max(4).default(2),
  /** Days a reviewer has, from being assigned, before the review counts as late on the instructor's page. */
  dueDays: z.number().int().positive().default(3),
  /** What a reviewer is asked to do, shown above the rubric (Markdown inline). */
  instructions: z.string().min(1),
  rubric: peerRubricSchema,
});

/** A case study's peer review: holders of some levels in the candidate's cohorts review it beside the instructor. */
export const caseStudyPeerReviewSchema = z.strictObject({
  /** Holders asked to review each case study sent for review. */
  reviewers: z.number().int().min(1).max(4).default(2),
  /** Days a reviewer has before the review counts as late. */
  dueDays: z.number().int().positive().default(7),
  /** Level ids (of this certification) whose active holders in the candidate's cohorts may review it. */
  reviewerLevels: z.array(slug).min(1),
  /** What a reviewer is asked to do, shown above the rubric (Markdown inline). */
  instructions: z.string().min(1).optional(),
});

export type PeerReviewSettings = z.infer<typeof peerReviewSchema>;
export type PeerRubric = z.infer<typeof peerRubricSchema>;
export type CaseStudyPeerReview = z.infer<typeof caseStudyPeerReviewSchema>;

/** What the review engine reads of any rubric: a peer review's (above) or a case study's (certification.json). */
export interface ReviewRubric {
  readonly scale: readonly { readonly points: number; readonly label: string; readonly description?: string | undefined }[];
  readonly criteria: readonly { readonly id: string; readonly title: string; readonly description: string; readonly levels?: readonly string[] | undefined }[];
}
