// What a browser may see of a quiz question during an attempt: the prompt, the code and the
// option texts in the attempt's order. Never the key (`correct`), the explanation, the skill or
// the difficulty. Fields are copied one by one (never spread) so a field added to the question
// schema later cannot leak by accident.
import type { Question } from './schemas/question.ts';

export interface QuizOptionView {
  id: string;
  text: string;
}

export interface QuizQuestionView {
  id: string;
  /** "multiple" tells the UI to offer checkboxes; it says nothing about which options are right. */
  type: Question['type'];
  prompt: string;
  code?: string;
  options: QuizOptionView[];
}

/**
 * The browser-safe view of one question. `optionOrder` is the order fixed for the attempt and
 * must be a permutation of the question's option ids; without it the bank order is used.
 */
export function toQuestionView(question: Question, optionOrder?: readonly string[]): QuizQuestionView {
  const byId = new Map(question.options.map((o) => [o.id, o]));
  const order = optionOrder ?? question.options.map((o) => o.id);
  if (order.length !== byId.size || new Set(order).size !== order.length || order.some((id) => !byId.has(id))) {
    throw new Error(`option order [${order.join(', ')}] is not a permutation of the options of "${question.id}"`);
  }
  const view: QuizQuestionView = {
    id: question.id,
    type: question.type,
    prompt: question.prompt,
    options: order.map((id) => {
      const option = byId.get(id);
      return { id, text: option?.text ?? '' };
    }),
  };
  if (question.code !== undefined) view.code = question.code;
  return view;
}

/** Views for a whole attempt paper, in paper order; throws when a question is not in the bank. */
export function toPaperView(
  paper: { questions: readonly { id: string; optionOrder: readonly string[] }[] },
  bank: ReadonlyMap<string, Question>,
): QuizQuestionView[] {
  return paper.questions.map((entry) => {
    const question = bank.get(entry.id);
    if (!question) throw new Error(`question "${entry.id}" of the paper is not in the bank`);
    return toQuestionView(question, entry.optionOrder);
  });
}
