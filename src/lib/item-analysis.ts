// Quiz item analysis as Moodle's quiz statistics compute it, so instructors can compare our
// figures with Moodle's: facility index, discrimination index, discriminative efficiency and
// the two flags (check / dubious). Input is one row per question per submitted attempt
// (the attempt_questions table); questions are drawn at random, so each question's statistics
// use only the attempts in which it appeared, as Moodle does for random questions.

export interface ItemResponse {
  attemptId: string;
  questionId: string;
  /** Mark earned, between 0 and maxMark. */
  mark: number;
  /** Maximum mark of the question on that attempt; 1 unless told. */
  maxMark?: number;
}

export type ItemFlag =
  /** Discrimination index below 30: weak or negative link with the rest of the test. */
  | 'check'
  /** Discriminative efficiency below 15 %: the question barely discriminates at all. */
  | 'dubious';

export interface ItemStatistics {
  questionId: string;
  /** Attempts in which the question appeared. */
  attempts: number;
  /** Average mark ÷ maximum mark, a share in [0, 1] (Moodle prints it as a percentage). */
  facility: number;
  /** Standard deviation of the marks ÷ maximum mark (n − 1); null below 2 attempts. */
  sd: number | null;
  /** 100 × correlation of the item's marks with the rest of the test (total − this item);
   * null below 2 attempts or when either side has no variance. */
  discrimination: number | null;
  /** 100 × covariance ÷ the largest covariance the two mark distributions allow; null below
   * 2 attempts or when that maximum is 0. */
  efficiency: number | null;
  flags: ItemFlag[];
}

export const DISCRIMINATION_CHECK_BELOW = 30;
export const EFFICIENCY_DUBIOUS_BELOW = 15;

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/** Σ (xᵢ − x̄)(yᵢ − ȳ) over paired values. */
function sumOfProducts(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
  return sum;
}

/**
 * Statistics for every question that appears in `responses`, sorted by question id.
 * Discrimination = 100·C(x, X) / √(V(x)·V(X)) with X = attempt total − x; efficiency =
 * 100·C(x, X) / Cmax, where Cmax pairs the sorted x with the sorted X (the most positive
 * covariance those two sets of marks could have). Variances and covariances divide by n − 1.
 */
export function analyseItems(responses: readonly ItemResponse[]): ItemStatistics[] {
  const totals = new Map<string, number>();
  for (const r of responses) totals.set(r.attemptId, (totals.get(r.attemptId) ?? 0) + r.mark);

  const byQuestion = new Map<string, ItemResponse[]>();
  for (const r of responses) {
    const list = byQuestion.get(r.questionId) ?? [];
    list.push(r);
    byQuestion.set(r.questionId, list);
  }

  const result: ItemStatistics[] = [];
  for (const [questionId, rows] of byQuestion) {
    const n = rows.length;
    const maxMark = rows[0]?.maxMark ?? 1;
    const marks = rows.map((r) => r.mark);
    const rest = rows.map((r) => (totals.get(r.attemptId) ?? 0) - r.mark);
    const facility = maxMark > 0 ? mean(marks) / maxMark : 0;

    let sd: number | null = null;
    let discrimination: number | null = null;
    let efficiency: number | null = null;
    if (n >= 2) {
      const varMarks = sumOfProducts(marks, marks) / (n - 1);
      const varRest = sumOfProducts(rest, rest) / (n - 1);
      const cov = sumOfProducts(marks, rest) / (n - 1);
      const covMax = sumOfProducts([...marks].sort((a, b) => a - b), [...rest].sort((a, b) => a - b)) / (n - 1);
      sd = maxMark > 0 ? Math.sqrt(varMarks) / maxMark : null;
      // Tiny negative products or maxima are float noise around zero variance; treat as undefined.
      if (varMarks * varRest > 1e-12) discrimination = (100 * cov) / Math.sqrt(varMarks * varRest);
      if (covMax > 1e-12) efficiency = (100 * cov) / covMax;
    }

    const flags: ItemFlag[] = [];
    if (discrimination !== null && discrimination < DISCRIMINATION_CHECK_BELOW) flags.push('check');
    if (efficiency !== null && efficiency < EFFICIENCY_DUBIOUS_BELOW) flags.push('dubious');
    result.push({ questionId, attempts: n, facility, sd, discrimination, efficiency, flags });
  }
  return result.sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0));
}
