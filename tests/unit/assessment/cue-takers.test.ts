// Can a candidate who knows nothing pass the theory quiz on surface cues? 2000 papers drawn by the
// real draw code from the real bank (question files read from disk through the schema), answered
// by cue takers (cue-takers.ts says how each one answers) and scored by the real scoring code
// against the theory pass mark in certification.json. Each must pass fewer than 2 % of papers.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/lib/schemas/question.ts';
import { createRng, drawPaper, type QuizComponent, type Rng } from '../../../src/server/assessment/draw.ts';
import type { AttemptPaper } from '../../../src/lib/contracts/attempt-paper.ts';
import { meetsMark, quizScore, scoreQuestion } from '../../../src/lib/scoring.ts';
import { answerAtRandom, answerByCue, cues, type Answer, type ShownQuestion } from './cue-takers.ts';
import { loadBank, loadCertification } from './helpers.ts';

const PAPERS = 2000;
const MAX_PASS_RATE = 0.02;

type Taker = (shown: ShownQuestion, rng: Rng) => Answer;
const takers: Record<string, Taker> = {
  ...Object.fromEntries(Object.entries(cues).map(([name, cue]) => [name, (shown: ShownQuestion) => answerByCue(cue, shown)])),
  random: answerAtRandom,
};

interface Simulation {
  /** Share of papers passed, per taker. */
  passRate: Record<string, number>;
  /** Mean quiz score, per taker. */
  meanScore: Record<string, number>;
}

/** Draws `papers` papers the way production does (usage accumulates) and lets every taker sit each one. */
function simulate(bank: readonly Question[], component: QuizComponent, paperExercises: readonly string[], papers: number, extra: Record<string, Taker> = {}): Simulation {
  const all = { ...takers, ...extra };
  const byId = new Map(bank.map((q) => [q.id, q]));
  const drawRng = createRng(20_260_601);
  const guessRng = createRng(7);
  const usage = new Map<string, number>();
  const passed: Record<string, number> = {};
  const scores: Record<string, number> = {};
  for (let p = 0; p < papers; p++) {
    const paper: AttemptPaper = drawPaper({ bank, component, usage, paperExercises, rng: drawRng });
    for (const q of paper.questions) usage.set(q.id, (usage.get(q.id) ?? 0) + 1);
    const shown = paper.questions.map((entry): ShownQuestion => {
      const question = byId.get(entry.id);
      if (!question) throw new Error(`the draw returned "${entry.id}", which is not in the bank`);
      return { question, optionOrder: entry.optionOrder };
    });
    for (const [name, take] of Object.entries(all)) {
      const marks = shown.map((s) => ({ questionId: s.question.id, skill: s.question.skill, mark: scoreQuestion(s.question, take(s, guessRng)) }));
      const score = quizScore(marks);
      scores[name] = (scores[name] ?? 0) + score;
      if (meetsMark(score, component.passMark)) passed[name] = (passed[name] ?? 0) + 1;
    }
  }
  const passRate = Object.fromEntries(Object.keys(all).map((name) => [name, (passed[name] ?? 0) / papers]));
  const meanScore = Object.fromEntries(Object.keys(all).map((name) => [name, (scores[name] ?? 0) / papers]));
  return { passRate, meanScore };
}

const percent = (rates: Record<string, number>): string =>
  Object.entries(rates)
    .map(([name, rate]) => `${name} ${(rate * 100).toFixed(2)} %`)
    .join(', ');

describe('cue-based test takers on the real clean-timestamp theory quiz', () => {
  const bank = loadBank();
  const certification = loadCertification();
  const quiz = certification.components.find((c): c is QuizComponent => c.type === 'quiz');
  if (!quiz) throw new Error('the certification has a quiz component');
  const paperExercises = certification.components.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
  const knowsEverything: Taker = (shown) => {
    const keys = shown.question.options.filter((o) => o.correct).map((o) => o.id);
    return shown.question.type === 'multiple' ? keys : (keys[0] as string);
  };

  // 2000 real draws and nine takers: a few seconds, more when the machine is busy.
  it(`passes fewer than ${MAX_PASS_RATE * 100} % of ${PAPERS} papers for every cue and for random guessing`, { timeout: 60_000 }, () => {
    const result = simulate(bank, quiz, paperExercises, PAPERS, { 'knows-everything': knowsEverything });
    // The harness scores real answers: a candidate who knows the keys passes every paper.
    expect(result.passRate['knows-everything']).toBe(1);
    const { ['knows-everything']: _, ...cueRates } = result.passRate;
    expect(Object.keys(cueRates).sort()).toEqual(
      ['all-of-the-above', 'first', 'last', 'longest', 'most-hedged', 'most-specific', 'prompt-overlap', 'random', 'shortest'].sort(),
    );
    for (const [name, rate] of Object.entries(cueRates)) {
      expect(rate, `${name} passes too often (pass rates: ${percent(cueRates)})`).toBeLessThan(MAX_PASS_RATE);
    }
  });

  it('would catch a bank whose keys give themselves away (the check can fail)', { timeout: 60_000 }, () => {
    // The same bank with every single-answer key made the longest option, and every
    // multiple-answer key lengthened: the longest-option taker must now pass most papers.
    const cued = bank.map((q) => ({
      ...q,
      options: q.options.map((o) => (o.correct ? { ...o, text: `${o.text} (this holds in every case the course covers, as the implementation guide explains)` } : o)),
    }));
    const result = simulate(cued, quiz, paperExercises, 200);
    expect(result.passRate['longest'], percent(result.passRate)).toBeGreaterThan(0.9);
  });
});
