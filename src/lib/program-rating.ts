// The scale of the end-of-program feedback form and the KPI read from it. Ratings run from 1 to 5 and
// each point has the word the form shows beside it, so "rated Excellent or Very good" means exactly a
// 4 or a 5 on the rating program.json names as the training's (programFeedback.trainingRating).
// Pure: the form, the dashboard, the report and the PDF share it.
export const RATING_WORDS: Readonly<Record<number, string>> = { 1: 'Poor', 2: 'Fair', 3: 'Good', 4: 'Very good', 5: 'Excellent' };
export const RATING_POINTS = [1, 2, 3, 4, 5] as const;
/** The lowest rating that counts as "Very good" (4) or "Excellent" (5). */
export const EXCELLENT_OR_VERY_GOOD = 4;

/** The share of `ratings` that are 4 or 5; null when nobody answered. */
export function excellentShare(ratings: readonly number[]): number | null {
  if (ratings.length === 0) return null;
  return ratings.filter((r) => r >= EXCELLENT_OR_VERY_GOOD).length / ratings.length;
}
