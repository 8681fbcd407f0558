// One quiz question as a candidate reviews it once it is scored (an attempt's results, a practice
// exam): their choices, the key and the explanation. Keys are theirs to see only after scoring. Pure.
import type { Question } from '../../lib/schemas/question.ts';

export interface ReviewedQuestion {
  id: string;
  skillName: string;
  /** 0..1 */
  mark: number;
  prompt: string;
  code?: string;
  /** In the bank's order, with the key and the candidate's choices. */
  options: { id: string; text: string; correct: boolean; chosen: boolean }[];
  explanation: string;
}

/** One question as a candidate reviews it after scoring: their choices, the key and the explanation. */
export function reviewQuestion(q: Question, entry: { mark: number; chosen: readonly string[] }, skillName: (skill: string) => string): ReviewedQuestion {
  const question: ReviewedQuestion = {
    id: q.id,
    skillName: skillName(q.skill),
    mark: entry.mark,
    prompt: q.prompt,
    options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct === true, chosen: entry.chosen.includes(o.id) })),
    explanation: q.explanation,
  };
  if (q.code !== undefined) question.code = q.code;
  return question;
}
