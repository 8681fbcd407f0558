// What a cohort's instructor sees of the end-of-program feedback: how many of the cohort's learners
// answered, the average of each rating with how the answers spread over the scale, the open answers
// (the latest ones, without names), and the KPI "rate the training Excellent or Very good".
//
// The KPI: the share of respondents whose rating of the training is 4 ("Very good") or 5
// ("Excellent"), against program.json's kpis.excellentRatingRate. Which rating is "the training" is
// content (programFeedback.trainingRating). The course names "Likelihood to recommend to others":
// of the training plan's four program ratings it is the only one that asks for the learner's verdict
// on the training as a whole, while the other three each rate one outcome of it (objectives met,
// applicability, the learner's own confidence); recommending it is the usual stand-in for overall
// satisfaction with a training.
import type { Db } from '../db/open.ts';
import { cohortProgramFeedback } from '../db/program-feedback.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { EXCELLENT_OR_VERY_GOOD, RATING_POINTS, excellentShare } from '../../lib/program-rating.ts';

/** Open answers listed per question (the latest ones); the CSV export has them all. */
export const ANSWERS_SHOWN = 50;

export interface ProgramFeedbackSummary {
  responses: number;
  members: number;
  /** responses ÷ members; null for a cohort without members. */
  responseRate: number | null;
  /** Every rating of the form, in its order: the average (null: no answers) and how many gave each point 1..5. */
  ratings: { id: string; label: string; average: number | null; counts: number[] }[];
  /** The KPI: respondents who rated the training 4 or 5, their share, and the target. */
  kpi: { ratingId: string; label: string; excellent: number; share: number | null; target: number | null; met: boolean | null };
  /** Every open question, in the form's order: the latest answers (oldest of them first) and how many there are. */
  questions: { id: string; label: string; total: number; answers: string[] }[];
}

export async function programFeedbackSummary(db: Db, cohortId: string, members: number, program: Program): Promise<ProgramFeedbackSummary | null> {
  const form = program.programFeedback;
  if (!form) return null;
  const entries = await cohortProgramFeedback(db, cohortId, program.id);
  const ratings = form.ratings.map((q) => {
    const values = entries.flatMap((e) => {
      const v = e.ratings[q.id];
      return typeof v === 'number' && (RATING_POINTS as readonly number[]).includes(v) ? [v] : [];
    });
    const counts = RATING_POINTS.map((p) => values.filter((v) => v === p).length);
    return { id: q.id, label: q.label, average: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null, counts };
  });
  const training = ratings.find((r) => r.id === form.trainingRating);
  const trainingValues = entries.flatMap((e) => {
    const v = e.ratings[form.trainingRating];
    return typeof v === 'number' ? [v] : [];
  });
  const share = excellentShare(trainingValues);
  const target = program.kpis.excellentRatingRate ?? null;
  return {
    responses: entries.length,
    members,
    responseRate: members > 0 ? entries.length / members : null,
    ratings,
    kpi: {
      ratingId: form.trainingRating,
      label: training?.label ?? form.trainingRating,
      excellent: trainingValues.filter((v) => v >= EXCELLENT_OR_VERY_GOOD).length,
      share,
      target,
      met: share === null || target === null ? null : share >= target,
    },
    questions: form.questions.map((q) => {
      const answers = entries.flatMap((e) => {
        const a = e.answers[q.id];
        return typeof a === 'string' && a.trim() !== '' ? [a.trim()] : [];
      });
      return { id: q.id, label: q.label, total: answers.length, answers: answers.slice(-ANSWERS_SHOWN) };
    }),
  };
}
