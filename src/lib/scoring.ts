// Certification scoring: the mark of one quiz question, component scores, the weighted overall
// score, pass/fail per component and overall (an exam's own pass rules), distinction, and per-skill
// evidence. Pure functions over the rules in certification.json; the server stores what they return.
import type { Question } from './schemas/question.ts';
import type { CertificationComponent, Exam } from './schemas/certification.ts';
import { taskSkillShares } from './skill-evidence.ts';

/**
 * Scores are shares in [0, 1]. A score "meets" a mark when it is at least the mark minus this
 * tolerance: weighted sums that are exactly on a boundary in decimal can land a hair under it
 * in binary floating point (0.25·0.9 + 0.3·0.8 + 0.15·0.95 + 0.15·0.95 + 0.15·1 is 0.9 on paper
 * and 0.8999999999999999 in a double), and such a learner is on the mark, not below it.
 * The tolerance is far below any real difference (one question in a 1000-question quiz is 0.001).
 */
export const SCORE_EPSILON = 1e-9;

/** True when `score` reaches `mark`; a score exactly at the mark passes. */
export function meetsMark(score: number, mark: number): boolean {
  return score >= mark - SCORE_EPSILON;
}

/** What a learner chose: one option id, several (multiple), or nothing. */
export type QuizAnswer = string | readonly string[] | null | undefined;

function chosenIds(answer: QuizAnswer): Set<string> {
  if (answer === null || answer === undefined) return new Set();
  return new Set(typeof answer === 'string' ? [answer] : answer);
}

/**
 * Mark of one question in [0, 1].
 * - single / code: 1 when exactly the one correct option is chosen, else 0 (choosing several
 *   options on a one-answer question earns nothing, or a learner could tick everything).
 * - multiple (Moodle's multiple-answer grading): each correct option chosen earns 1/C, each
 *   wrong option chosen costs 1/W (C, W = numbers of correct and wrong options), floored at 0.
 *   All correct and nothing else = 1; ticking every option = 0; nothing ticked = 0.
 *   Computed as one integer fraction (cc·W − wc·C) / (C·W) so a full mark is exactly 1.
 * Option ids that are not on the question are ignored.
 */
export function scoreQuestion(question: Pick<Question, 'type' | 'options'>, answer: QuizAnswer): number {
  const chosen = chosenIds(answer);
  const correct = question.options.filter((o) => o.correct === true);
  const wrong = question.options.filter((o) => o.correct !== true);
  const correctChosen = correct.filter((o) => chosen.has(o.id)).length;
  const wrongChosen = wrong.filter((o) => chosen.has(o.id)).length;
  if (question.type !== 'multiple') {
    return correctChosen === 1 && wrongChosen === 0 ? 1 : 0;
  }
  const c = correct.length;
  const w = wrong.length;
  if (c === 0) return 0;
  if (w === 0) return correctChosen / c;
  return Math.max(0, (correctChosen * w - wrongChosen * c) / (c * w));
}

/** One question of a scored paper. */
export interface QuizItemMark {
  questionId: string;
  /** Skill area of the question (from the bank). */
  skill: string;
  /** Mark in [0, 1] (see scoreQuestion). Unanswered questions are on the paper with mark 0. */
  mark: number;
}

/** Quiz component score: marks summed over every question on the paper ÷ number of questions. */
export function quizScore(items: readonly QuizItemMark[]): number {
  if (items.length === 0) return 0;
  return items.reduce((sum, item) => sum + clampShare(item.mark), 0) / items.length;
}

/** Everything an attempt produced, by component id. */
export interface AttemptEvidence {
  /** Quiz components: one entry per question on the attempt's paper. */
  quiz: Readonly<Record<string, readonly QuizItemMark[]>>;
  /** Task components: the grader's score in [0, 1]; a task never submitted is absent (scores 0). */
  tasks: Readonly<Record<string, number>>;
}

export interface ComponentResult {
  id: string;
  name: string;
  type: CertificationComponent['type'];
  /** Weight normalised by the sum of all weights (the shares add up to 1). */
  weight: number;
  score: number;
  passMark: number;
  passed: boolean;
}

export interface SkillResult {
  skill: string;
  /** Weighted mean of this skill's evidence, same weights as the overall score. */
  score: number;
  /** Share of the overall score this skill's evidence carries. */
  weight: number;
  /** Number of pieces of evidence (quiz questions + tasks). */
  evidence: number;
}

export interface ExamResult {
  /** Weighted overall score in [0, 1]. */
  score: number;
  /** Enough components met their pass marks (all, or minComponentsPassed) AND the overall score met overallPassMark. */
  passed: boolean;
  /** A pass at or above the exam's distinction score (false without one). */
  distinction: boolean;
  components: ComponentResult[];
  /** Per skill area, sorted by skill id. */
  skills: SkillResult[];
}

/** What scoring needs of an exam: its components (resolved from the certification) and its pass rules. */
export interface ExamScoringRules {
  components: readonly CertificationComponent[];
  overallPassMark: Exam['overallPassMark'];
  minComponentsPassed?: Exam['minComponentsPassed'];
  distinction?: Exam['distinction'];
}

function clampShare(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`a score must be a finite number, got ${value}`);
  return Math.min(1, Math.max(0, value));
}

/**
 * Scores an exam attempt against its rules.
 * Overall = Σ weightᵢ·scoreᵢ / Σ weightᵢ over the exam's components. Passed = at least
 * minComponentsPassed components (every one by default) meet their pass marks and the overall score
 * meets overallPassMark. Which level a pass earns is the attempt's own (the exam belongs to a level).
 */
export function scoreExam(exam: ExamScoringRules, evidence: AttemptEvidence): ExamResult {
  const totalWeight = exam.components.reduce((sum, c) => sum + c.weight, 0);
  const components: ComponentResult[] = [];
  const skillSums = new Map<string, { weighted: number; weight: number; evidence: number }>();
  const addEvidence = (skill: string, weight: number, score: number): void => {
    const entry = skillSums.get(skill) ?? { weighted: 0, weight: 0, evidence: 0 };
    entry.weighted += weight * score;
    entry.weight += weight;
    entry.evidence += 1;
    skillSums.set(skill, entry);
  };

  for (const component of exam.components) {
    const weight = component.weight / totalWeight;
    let score: number;
    if (component.type === 'quiz') {
      const items = evidence.quiz[component.id] ?? [];
      score = quizScore(items);
      // Each question carries an equal share of the quiz's weight.
      for (const item of items) addEvidence(item.skill, weight / items.length, clampShare(item.mark));
    } else {
      score = clampShare(evidence.tasks[component.id] ?? 0);
      // A task evidences each of its areas with its score, carrying that area's share of its weight.
      for (const { skill, share } of taskSkillShares(component)) addEvidence(skill, weight * share, score);
    }
    components.push({
      id: component.id,
      name: component.name,
      type: component.type,
      weight,
      score,
      passMark: component.passMark,
      passed: meetsMark(score, component.passMark),
    });
  }

  const score = components.reduce((sum, c) => sum + c.weight * c.score, 0);
  const needed = Math.min(exam.minComponentsPassed ?? components.length, components.length);
  const passed = components.filter((c) => c.passed).length >= needed && meetsMark(score, exam.overallPassMark);
  const skills = [...skillSums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([skill, s]) => ({ skill, score: s.weight > 0 ? s.weighted / s.weight : 0, weight: s.weight, evidence: s.evidence }));
  const distinction = passed && exam.distinction !== undefined && meetsMark(score, exam.distinction.minOverallScore);
  return { score, passed, distinction, components, skills };
}
