// Simulated test takers who know nothing about the subject and answer from surface cues only
// (length, position as shown, "all of the above" wording, how technical or how hedged an option
// looks, words shared with the prompt), plus a random guesser. The quiz bank is sound when none of
// them passes the theory paper more than rarely.
//
// How a cue taker answers a question, as shown (options in the paper's shuffled order):
// - each cue gives every option a score; ties go to the option shown first;
// - single / code: the option with the highest score;
// - multiple ("select all that apply"): the ⌈n/2⌉ highest-scoring options. A cue taker does not
//   know how many options are right, and ticking about half is what a guesser does; ticking all
//   or none scores 0 by the multiple-answer rule anyway.
// The random guesser picks one option uniformly (single/code) and ticks each option of a
// multiple-answer question with probability 1/2.
import type { Question } from '../../../src/lib/schemas/question.ts';
import type { Rng } from '../../../src/server/assessment/draw.ts';
import { visibleLength } from '../../../src/server/assessment/bank-check.ts';

export interface ShownQuestion {
  question: Question;
  /** Option ids in the order shown on the paper. */
  optionOrder: readonly string[];
}

export type Answer = string | string[];

type Option = Question['options'][number];

/**
 * A cue scores each option; higher means the cue taker prefers it. Content cues look at the option
 * and its question only, so their scores are computed once per question; position cues look at
 * where the option is shown.
 */
export type Cue = { kind: 'content'; score: (option: Option, question: Question) => number } | { kind: 'position'; score: (position: number) => number };

const STOP_WORDS = new Set(
  'the and for are but not you your with this that from into than then what which when where who why how does did has have had its can may must will would should was were been being one two all any each every only also both'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9_]+/g) ?? []).filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
}

/** Numbers, inline code spans and call-like tokens: how "technical and precise" an option looks. */
export function specificity(text: string): number {
  const numbers = text.match(/\d+(?:[.,:]\d+)*/g)?.length ?? 0;
  const codeSpans = text.match(/`[^`]+`/g)?.length ?? 0;
  const calls = text.match(/[A-Za-z_$][\w$]*\(/g)?.length ?? 0;
  return numbers + codeSpans + calls;
}

const HEDGES = /\b(may|might|could|can|usually|often|generally|typically|sometimes|normally|likely|mostly|unless|except|only|at least|as long as)\b/gi;

/** Qualifiers that make a statement sound careful ("usually", "unless", "only", "may"). */
export function hedging(text: string): number {
  return text.match(HEDGES)?.length ?? 0;
}

const ALL_OF_THE_ABOVE = /\b(all|both|none|neither) of (the above|these|them|the options)\b|\b(all|both) (are|of them are) (correct|right|true)\b/i;

/** Distinct words of the option that also occur in the prompt. */
function promptOverlap(option: Option, question: Question): number {
  const prompt = new Set(words(question.prompt));
  return new Set(words(option.text).filter((w) => prompt.has(w))).size;
}

export const cues: Record<string, Cue> = {
  longest: { kind: 'content', score: (o) => visibleLength(o.text) },
  shortest: { kind: 'content', score: (o) => -visibleLength(o.text) },
  first: { kind: 'position', score: (i) => -i },
  last: { kind: 'position', score: (i) => i },
  'all-of-the-above': { kind: 'content', score: (o) => (ALL_OF_THE_ABOVE.test(o.text) ? 1 : 0) },
  'most-specific': { kind: 'content', score: (o) => specificity(o.text) },
  'most-hedged': { kind: 'content', score: (o) => hedging(o.text) },
  'prompt-overlap': { kind: 'content', score: promptOverlap },
};

const contentScores = new WeakMap<Cue, WeakMap<Question, Map<string, number>>>();

function scoresOf(cue: Extract<Cue, { kind: 'content' }>, question: Question): Map<string, number> {
  let perQuestion = contentScores.get(cue);
  if (!perQuestion) contentScores.set(cue, (perQuestion = new WeakMap()));
  let scores = perQuestion.get(question);
  if (!scores) perQuestion.set(question, (scores = new Map(question.options.map((o) => [o.id, cue.score(o, question)]))));
  return scores;
}

/** The answer a cue taker gives to one question as shown. */
export function answerByCue(cue: Cue, shown: ShownQuestion): Answer {
  const content = cue.kind === 'content' ? scoresOf(cue, shown.question) : null;
  const ranked = shown.optionOrder.map((id, position) => {
    const score = content ? content.get(id) : (cue as Extract<Cue, { kind: 'position' }>).score(position);
    if (score === undefined) throw new Error(`option "${id}" is not in question "${shown.question.id}"`);
    return { id, position, score };
  });
  // Highest score first; equal scores keep the order shown (first shown wins).
  ranked.sort((a, b) => b.score - a.score || a.position - b.position);
  if (shown.question.type !== 'multiple') return (ranked[0] as { id: string }).id;
  return ranked.slice(0, Math.ceil(ranked.length / 2)).map((r) => r.id);
}

/** A random guesser's answer. */
export function answerAtRandom(shown: ShownQuestion, rng: Rng): Answer {
  if (shown.question.type !== 'multiple') return shown.optionOrder[Math.floor(rng() * shown.optionOrder.length)] as string;
  return shown.optionOrder.filter(() => rng() < 0.5);
}
