// Quiz item statistics as an instructor reads them: each question's figures next to the question
// itself (a short plain-text summary of its prompt, and the whole item — prompt, code, options with
// the key, explanation — to expand), and what the figures and flags mean, in words.
import { analyseItems, DISCRIMINATION_CHECK_BELOW, EFFICIENCY_DUBIOUS_BELOW, type ItemFlag, type ItemResponse, type ItemStatistics } from '../../lib/item-analysis.ts';
import type { Question } from '../../lib/schemas/question.ts';

export interface QuestionAnalytics extends ItemStatistics {
  /** The question as the bank holds it now; null when it has left the bank since it was answered. */
  item: {
    summary: string;
    prompt: string;
    code: string | null;
    options: { text: string; correct: boolean }[];
    explanation: string;
    skill: string;
  } | null;
}

export const SUMMARY_LENGTH = 90;

/** Plain text of a prompt's Markdown subset (code spans, bold, italics), cut at a word near `max` characters. */
export function promptSummary(markdown: string, max = SUMMARY_LENGTH): string {
  const plain = markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : plain.slice(0, max)).replace(/[\s,.;:!?–—-]+$/, '')}…`;
}

/** What each flag says, short enough to stand next to it in every row (the page explains them at length). */
export const FLAG_MEANINGS: Record<ItemFlag, string> = {
  check: `discrimination below ${DISCRIMINATION_CHECK_BELOW}: check the key and wording`,
  dubious: `efficiency below ${EFFICIENCY_DUBIOUS_BELOW} %: barely separates learners`,
};

export function questionAnalytics(responses: readonly ItemResponse[], bank: readonly Question[]): QuestionAnalytics[] {
  const byId = new Map(bank.map((q) => [q.id, q]));
  return analyseItems(responses).map((stats) => {
    const q = byId.get(stats.questionId);
    return {
      ...stats,
      item: q
        ? {
            summary: promptSummary(q.prompt),
            prompt: q.prompt,
            code: q.code ?? null,
            options: q.options.map((o) => ({ text: o.text, correct: o.correct === true })),
            explanation: q.explanation,
            skill: q.skill,
          }
        : null,
    };
  });
}
