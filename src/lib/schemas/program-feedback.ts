// Schema of a program's end-of-program feedback form (program.json "programFeedback"): the 1–5
// ratings and open questions the training plan asks at the end of the program, and which of the
// ratings stands for "the training" in the KPI "rate the training Excellent or Very good" (program.json
// kpis.excellentRatingRate). The scale's words are the platform's (lib/program-rating.ts), so a 4 or 5
// is "Very good" or "Excellent" on every form.
import { z } from 'astro/zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');

const questionSchema = z.strictObject({
  /** Stable id the stored answers are keyed by (changing it orphans earlier answers). */
  id: slug,
  /** The question as the learner reads it. */
  label: z.string().min(1).max(200),
});

export const programFeedbackSchema = z
  .strictObject({
    /** Questions rated from 1 (poor) to 5 (excellent), in the form's order. */
    ratings: z.array(questionSchema).min(1).max(10),
    /** Open questions answered in text (optional for the learner), in the form's order. */
    questions: z.array(questionSchema).max(5).default([]),
    /** The id of the rating that is the learner's verdict on the training as a whole: the KPI counts its 4s and 5s. */
    trainingRating: slug,
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    [...form.ratings.map((q, i) => ['ratings', i, q.id] as const), ...form.questions.map((q, i) => ['questions', i, q.id] as const)].forEach(([list, i, id]) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `"${id}" is used twice: give each question of the form its own id` });
      seen.add(id);
    });
    if (!form.ratings.some((q) => q.id === form.trainingRating)) {
      ctx.addIssue({ code: 'custom', path: ['trainingRating'], message: `"${form.trainingRating}" is not one of the ratings (${form.ratings.map((q) => q.id).join(', ')}): name the rating that judges the training as a whole` });
    }
  });

export type ProgramFeedbackForm = z.infer<typeof programFeedbackSchema>;
