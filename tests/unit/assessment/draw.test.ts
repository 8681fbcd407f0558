import { describe, expect, it } from 'vitest';
import { bankProblems, createRng, drawPaper, DrawError, shuffle } from '../../../src/server/assessment/draw.ts';
import type { AttemptPaper } from '../../../src/lib/contracts/attempt-paper.ts';
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

describe('drawPaper: sessions, difficulties, retakes and questions that reveal a task', () => {
  // 4 skills × 5 questions. Session 3 and difficulty 3 each have exactly one question, in
  // different skills, so a draw that only looks at skills and usage misses them most of the time.
  const strataBank: Question[] = skills.flatMap((skill, s) =>
    [1, 2, 3, 4, 5].map((n) =>
      makeQuestion(`${skill}-${n}`, skill, {
        session: skill === 'testing' && n === 5 ? 3 : n % 2 === 0 ? 2 : 1,
        difficulty: skill === 'architecture' && n === 4 ? 3 : (((n + s) % 2) + 1) as 1 | 2,
      }),
    ),
  );
  const byId = new Map(strataBank.map((q) => [q.id, q]));
  const rules = { questionCount: 5, perSkillMinimum: { architecture: 1, debugging: 1, implementation: 1, testing: 1 } };

  function expectValid(paper: AttemptPaper, bankUsed: readonly Question[], rulesUsed: typeof rules): void {
    const drawn = ids(paper).map((id) => byId.get(id) ?? bankUsed.find((q) => q.id === id));
    expect(drawn.every((q) => q !== undefined)).toBe(true);
    expect(new Set(ids(paper)).size).toBe(rulesUsed.questionCount);
    for (const [skill, minimum] of Object.entries(rulesUsed.perSkillMinimum)) {
      expect(drawn.filter((q) => q?.skill === skill).length).toBeGreaterThanOrEqual(minimum);
    }
    for (const session of new Set(bankUsed.map((q) => q.session))) expect(drawn.some((q) => q?.session === session), `session ${session}`).toBe(true);
    for (const difficulty of new Set(bankUsed.map((q) => q.difficulty))) expect(drawn.some((q) => q?.difficulty === difficulty), `difficulty ${difficulty}`).toBe(true);
  }

  it('covers every session and every difficulty the bank covers, on top of the per-skill minimums, for any seed', () => {
    expect(bankProblems(strataBank, rules)).toEqual([]);
    for (let seed = 1; seed <= 300; seed++) {
      const paper = drawPaper({ bank: strataBank, component: rules, rng: createRng(seed) });
      expectValid(paper, strataBank, rules);
      expect(ids(paper)).toContain('testing-5');
      expect(ids(paper)).toContain('architecture-4');
    }
  });

  it('skips a preferred question only when taking it would make the rules impossible', () => {
    // Two slots, one per skill, and both sessions and both difficulties must appear. The two
    // least-used questions are both session 1 / difficulty 1, so only one of them can be taken.
    const tight: Question[] = [
      makeQuestion('a-11', 'a', { session: 1, difficulty: 1 }),
      makeQuestion('a-22', 'a', { session: 2, difficulty: 2 }),
      makeQuestion('b-11', 'b', { session: 1, difficulty: 1 }),
      makeQuestion('b-22', 'b', { session: 2, difficulty: 2 }),
      makeQuestion('b-12', 'b', { session: 1, difficulty: 2 }),
    ];
    const usage = { 'a-11': 0, 'b-11': 0, 'a-22': 5, 'b-22': 5, 'b-12': 5 };
    const twoSkills = { questionCount: 2, perSkillMinimum: { a: 1, b: 1 } };
    const seen = new Set<string>();
    for (let seed = 1; seed <= 100; seed++) {
      const paper = ids(drawPaper({ bank: tight, component: twoSkills, usage, rng: createRng(seed) })).sort();
      seen.add(paper.join('+'));
      expect([['a-11', 'b-22'], ['a-22', 'b-11']].map((p) => p.join('+'))).toContain(paper.join('+'));
    }
    expect(seen.size).toBe(2);
  });

  it('gives a retake the questions this candidate has not seen first, then the least used of the seen ones', () => {
    const seen = new Set(['architecture-1', 'architecture-2', 'debugging-1', 'debugging-2', 'implementation-1', 'testing-1', 'testing-2']);
    const usage: Record<string, number> = {};
    for (const q of strataBank) usage[q.id] = seen.has(q.id) ? 0 : 50; // the seen ones are the least used overall
    const unseen = strataBank.filter((q) => !seen.has(q.id)).map((q) => q.id);
    for (let seed = 1; seed <= 50; seed++) {
      const paper = drawPaper({ bank: strataBank, component: rules, usage, seen, rng: createRng(seed) });
      expectValid(paper, strataBank, rules);
      expect(ids(paper).every((id) => unseen.includes(id))).toBe(true);
    }
    // Only 3 unseen questions left: they are all drawn, and the rest comes from the seen ones.
    const almostAll = new Set(strataBank.map((q) => q.id).filter((id) => !['architecture-3', 'debugging-3', 'implementation-5'].includes(id)));
    const retakeUsage = { ...usage, 'debugging-1': 7 };
    for (let seed = 1; seed <= 50; seed++) {
      const paper = ids(drawPaper({ bank: strataBank, component: { questionCount: 6, perSkillMinimum: {} }, usage: retakeUsage, seen: almostAll, rng: createRng(seed) }));
      expect(paper).toEqual(expect.arrayContaining(['architecture-3', 'debugging-3', 'implementation-5']));
      expect(paper).not.toContain('debugging-1');
    }
  });

  it('never draws a question that reveals a task on the same paper, and says so when that makes the rules impossible', () => {
    const revealing = strataBank.map((q) => (q.skill === 'debugging' && q.id !== 'debugging-1' ? { ...q, reveals: ['task-leak'] } : q));
    for (let seed = 1; seed <= 100; seed++) {
      const paper = drawPaper({ bank: revealing, component: rules, paperExercises: ['task-leak', 'task-other'], rng: createRng(seed) });
      expect(ids(paper).filter((id) => id.startsWith('debugging-'))).toEqual(['debugging-1']);
      expectValid(paper, strataBank, rules);
    }
    // Without that task on the paper, the questions are fair game again.
    const everything = { questionCount: 20, perSkillMinimum: {} };
    expect(ids(drawPaper({ bank: revealing, component: everything, paperExercises: ['task-other'], rng: createRng(1) }))).toHaveLength(20);

    expect(bankProblems(revealing, { questionCount: 5, perSkillMinimum: { debugging: 2 } }, { paperExercises: ['task-leak'] })).toEqual([
      'perSkillMinimum asks for 2 "debugging" questions but the bank has 1 (not counting 4 that reveal a task on the same paper: debugging-2, debugging-3, debugging-4, debugging-5)',
    ]);
    expect(bankProblems(revealing, everything, { paperExercises: ['task-leak'] })).toEqual([
      'questionCount is 20 but the bank has only 16 questions (not counting 4 that reveal a task on the same paper: debugging-2, debugging-3, debugging-4, debugging-5)',
    ]);
    const sessionThreeReveals = strataBank.map((q) => (q.id === 'testing-5' ? { ...q, reveals: ['task-leak'] } : q));
    expect(bankProblems(sessionThreeReveals, rules, { paperExercises: ['task-leak'] })).toEqual([
      'every session 3 question reveals a task on the same paper, so the paper cannot cover session 3 (not counting 1 that reveal a task on the same paper: testing-5)',
    ]);
    expect(() => drawPaper({ bank: sessionThreeReveals, component: rules, paperExercises: ['task-leak'], rng: createRng(1) })).toThrow(DrawError);
  });

  it('reports rules that no choice of questions can meet at once', () => {
    // One question per skill can still cover every stratum (testing-5 brings session 3,
    // architecture-4 difficulty 3); two architecture and two implementation questions cannot also
    // bring session 3, which only a testing question has.
    expect(bankProblems(strataBank, { questionCount: 4, perSkillMinimum: rules.perSkillMinimum })).toEqual([]);
    const tooFew = { questionCount: 4, perSkillMinimum: { architecture: 2, implementation: 2 } };
    expect(bankProblems(strataBank, tooFew)).toEqual([
      'no 4 questions of the bank meet perSkillMinimum and cover every session (1, 2, 3) and every difficulty (1, 2, 3) at once: that takes at least 5; add questions where skills, sessions and difficulties meet, or raise questionCount',
    ]);
    expect(() => drawPaper({ bank: strataBank, component: tooFew, rng: createRng(3) })).toThrow(/that takes at least 5/);
  });
});
