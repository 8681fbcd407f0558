import { describe, expect, it } from 'vitest';
import { toPaperView, toQuestionView } from '../../../src/lib/quiz-view.ts';
import { createRng, drawPaper } from '../../../src/server/assessment/draw.ts';
import { loadBank, loadCertification, makeQuestion } from './helpers.ts';

const bank = loadBank();
const allowedKeys = ['code', 'id', 'options', 'prompt', 'type'];

describe('toQuestionView', () => {
  it('never carries the key, the explanation, the skill or the difficulty, for any question in the bank', () => {
    const rng = createRng(5);
    for (const question of bank) {
      const order = [...question.options.map((o) => o.id)].sort(() => rng() - 0.5);
      const view = toQuestionView(question, order);
      const json = JSON.stringify(view);
      expect(json).not.toContain('"correct"');
      expect(json).not.toContain('"explanation"');
      expect(json).not.toContain(question.explanation);
      expect(Object.keys(view).every((k) => allowedKeys.includes(k))).toBe(true);
      for (const option of view.options) expect(Object.keys(option).sort()).toEqual(['id', 'text']);
    }
  });

  it('lists the options in the attempt order with their texts', () => {
    const question = makeQuestion('q', 'testing');
    const view = toQuestionView(question, ['c', 'a', 'd', 'b']);
    expect(view.options).toEqual([
      { id: 'c', text: 'wrong 2' },
      { id: 'a', text: 'right' },
      { id: 'd', text: 'wrong 3' },
      { id: 'b', text: 'wrong 1' },
    ]);
    expect(view).toEqual({ id: 'q', type: 'single', prompt: 'Prompt of q', options: view.options });
  });

  it('includes the code of a code-reading question', () => {
    const question = makeQuestion('code-q', 'debugging', { type: 'code', code: 'console.log(1);' });
    expect(toQuestionView(question).code).toBe('console.log(1);');
    expect('code' in toQuestionView(makeQuestion('plain', 'testing'))).toBe(false);
  });

  it('rejects an option order that is not a permutation of the options', () => {
    const question = makeQuestion('q', 'testing');
    expect(() => toQuestionView(question, ['a', 'b', 'c'])).toThrow(/not a permutation/);
    expect(() => toQuestionView(question, ['a', 'a', 'b', 'c'])).toThrow(/not a permutation/);
    expect(() => toQuestionView(question, ['a', 'b', 'c', 'x'])).toThrow(/not a permutation/);
  });
});

describe('toPaperView', () => {
  const byId = new Map(bank.map((q) => [q.id, q]));
  const theory = loadCertification().components.find((c) => c.type === 'quiz');

  it('builds the browser view of a drawn paper in paper order, with no keys', () => {
    if (theory?.type !== 'quiz') throw new Error('the certification has a quiz component');
    const paper = drawPaper({ bank, component: theory, rng: createRng(11) });
    const views = toPaperView(paper, byId);
    expect(views.map((v) => v.id)).toEqual(paper.questions.map((q) => q.id));
    expect(views.map((v) => v.options.map((o) => o.id))).toEqual(paper.questions.map((q) => q.optionOrder));
    expect(JSON.stringify(views)).not.toMatch(/"correct"|"explanation"/);
  });

  it('refuses a paper that names a question missing from the bank', () => {
    expect(() => toPaperView({ questions: [{ id: 'gone', optionOrder: ['a'] }] }, byId)).toThrow(/"gone"/);
  });
});
