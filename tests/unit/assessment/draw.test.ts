import { describe, expect, it } from 'vitest';
import { bankProblems, createRng, drawPaper, DrawError, shuffle, type AttemptPaper } from '../../../src/server/assessment/draw.ts';
import type { Question } from '../../../src/lib/schemas/question.ts';
import { makeQuestion } from './helpers.ts';

const skills = ['architecture', 'debugging', 'implementation', 'testing'];
// 3 questions per skill: architecture-1 … testing-3
const bank: Question[] = skills.flatMap((skill) => [1, 2, 3].map((n) => makeQuestion(`${skill}-${n}`, skill)));
const component = { questionCount: 6, perSkillMinimum: { architecture: 1, debugging: 1, implementation: 1, testing: 1 } };
const skillOf = (id: string): string => id.replace(/-\d+$/, '');
const ids = (paper: AttemptPaper): string[] => paper.questions.map((q) => q.id);

describe('drawPaper', () => {
  it('draws questionCount distinct questions meeting every per-skill minimum, for any seed', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const paper = drawPaper({ bank, component, rng: createRng(seed) });
      expect(paper.questions).toHaveLength(6);
      expect(new Set(ids(paper)).size).toBe(6);
      for (const skill of skills) expect(ids(paper).filter((id) => skillOf(id) === skill).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('meets a minimum that takes a whole skill', () => {
    const paper = drawPaper({ bank, component: { questionCount: 4, perSkillMinimum: { testing: 3 } }, rng: createRng(7) });
    expect(ids(paper).filter((id) => skillOf(id) === 'testing').sort()).toEqual(['testing-1', 'testing-2', 'testing-3']);
  });

  it('prefers the least-used questions', () => {
    const usage: Record<string, number> = {};
    for (const q of bank) usage[q.id] = 5;
    const fresh = ['architecture-2', 'debugging-3', 'implementation-1', 'testing-2', 'testing-3', 'debugging-1'];
    for (const id of fresh) usage[id] = 0;
    for (let seed = 1; seed <= 20; seed++) {
      expect(ids(drawPaper({ bank, component, usage, rng: createRng(seed) })).sort()).toEqual([...fresh].sort());
    }
  });

  it('prefers the least-used question within a skill when meeting its minimum', () => {
    const usage = new Map([
      ['testing-1', 9],
      ['testing-2', 0],
      ['testing-3', 4],
    ]);
    const onlyTesting = { questionCount: 1, perSkillMinimum: { testing: 1 } };
    for (let seed = 1; seed <= 20; seed++) {
      expect(ids(drawPaper({ bank, component: onlyTesting, usage, rng: createRng(seed) }))).toEqual(['testing-2']);
    }
  });

  it('is reproducible with the same seed and varies between seeds', () => {
    const a = drawPaper({ bank, component, rng: createRng(42) });
    const b = drawPaper({ bank, component, rng: createRng(42) });
    expect(b).toEqual(a);
    const papers = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(drawPaper({ bank, component, rng: createRng(i + 1) }))));
    expect(papers.size).toBeGreaterThan(10);
  });

  it('fixes a shuffled option order per question that is a permutation of its options', () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      for (const q of drawPaper({ bank, component, rng: createRng(seed) }).questions) {
        expect([...q.optionOrder].sort()).toEqual(['a', 'b', 'c', 'd']);
        orders.add(q.optionOrder.join(''));
      }
    }
    expect(orders.size).toBeGreaterThan(12);
  });

  it('shuffles the question order, not only the selection', () => {
    const all = { questionCount: 12, perSkillMinimum: {} };
    const first = ids(drawPaper({ bank, component: all, rng: createRng(1) }));
    const second = ids(drawPaper({ bank, component: all, rng: createRng(2) }));
    expect([...first].sort()).toEqual([...second].sort());
    expect(first).not.toEqual(second);
  });

  it('explains why a bank cannot satisfy the rules', () => {
    const thin = bank.filter((q) => q.id !== 'testing-3' && q.id !== 'testing-2');
    const rules = { questionCount: 20, perSkillMinimum: { testing: 2, security: 1 } };
    expect(bankProblems(thin, rules)).toEqual([
      'questionCount is 20 but the bank has only 10 questions',
      'perSkillMinimum asks for 2 "testing" questions but the bank has 1',
      'perSkillMinimum asks for 1 "security" questions but the bank has 0',
    ]);
    expect(() => drawPaper({ bank: thin, component: rules, rng: createRng(1) })).toThrow(DrawError);
    try {
      drawPaper({ bank: thin, component: rules, rng: createRng(1) });
    } catch (error) {
      expect((error as DrawError).problems).toHaveLength(3);
      expect((error as Error).message).toContain('"security"');
    }
  });

  it('rejects minimums that add up to more than questionCount, and duplicate ids', () => {
    expect(bankProblems(bank, { questionCount: 3, perSkillMinimum: { testing: 2, debugging: 2 } })).toEqual([
      'perSkillMinimum adds up to 4, more than questionCount 3',
    ]);
    const first = bank[0] as Question;
    expect(bankProblems([...bank, first], component)).toEqual([`question id "${first.id}" appears twice in the bank`]);
  });
});

describe('createRng and shuffle', () => {
  it('produces floats in [0, 1) and the same sequence for the same seed', () => {
    const a = createRng(123);
    const b = createRng(123);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(b()).toBe(x);
    }
  });

  it('returns a new permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(input, createRng(9));
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((x, y) => x - y)).toEqual(input);
  });
});
