import { describe, expect, it } from 'vitest';
import { meetsMark, quizScore, scoreExam, scoreQuestion, type ExamScoringRules, type QuizItemMark } from '../../../src/lib/scoring.ts';
import { examComponents, type Certification } from '../../../src/lib/schemas/certification.ts';
import { loadCertification, makeQuestion } from './helpers.ts';

const single = makeQuestion('single-q', 'testing');
const multiple = makeQuestion('multi-q', 'testing', {
  type: 'multiple',
  options: [
    { id: 'a', text: 'right 1', correct: true },
    { id: 'b', text: 'right 2', correct: true },
    { id: 'c', text: 'right 3', correct: true },
    { id: 'd', text: 'wrong 1' },
    { id: 'e', text: 'wrong 2' },
  ],
});

describe('scoreQuestion', () => {
  it('gives a single-choice question 1 for the key and 0 otherwise', () => {
    expect(scoreQuestion(single, 'a')).toBe(1);
    expect(scoreQuestion(single, ['a'])).toBe(1);
    expect(scoreQuestion(single, 'b')).toBe(0);
    expect(scoreQuestion(single, undefined)).toBe(0);
    expect(scoreQuestion(single, null)).toBe(0);
  });

  it('gives nothing for ticking several options on a one-answer question', () => {
    expect(scoreQuestion(single, ['a', 'b'])).toBe(0);
    expect(scoreQuestion({ ...single, type: 'code' }, ['a', 'c'])).toBe(0);
  });

  it('gives a multiple-answer question exactly 1 for all correct options and nothing else', () => {
    expect(scoreQuestion(multiple, ['c', 'a', 'b'])).toBe(1);
  });

  it('gives partial credit: +1/C per correct option chosen, -1/W per wrong option chosen', () => {
    expect(scoreQuestion(multiple, ['a', 'b'])).toBeCloseTo(2 / 3, 12);
    expect(scoreQuestion(multiple, ['a'])).toBeCloseTo(1 / 3, 12);
    expect(scoreQuestion(multiple, ['a', 'b', 'c', 'd'])).toBe(0.5);
    expect(scoreQuestion(multiple, ['a', 'b', 'd'])).toBeCloseTo(2 / 3 - 1 / 2, 12);
  });

  it('floors the mark at 0 and gives 0 for ticking every option', () => {
    expect(scoreQuestion(multiple, ['a', 'd', 'e'])).toBe(0);
    expect(scoreQuestion(multiple, ['a', 'b', 'c', 'd', 'e'])).toBe(0);
    expect(scoreQuestion(multiple, [])).toBe(0);
  });

  it('ignores duplicates and option ids that are not on the question', () => {
    expect(scoreQuestion(multiple, ['a', 'a', 'b', 'b', 'c', 'zz'])).toBe(1);
  });
});

describe('meetsMark', () => {
  it('passes a score exactly at the mark and fails one just below', () => {
    expect(meetsMark(0.7, 0.7)).toBe(true);
    expect(meetsMark(0.6999, 0.7)).toBe(false);
    expect(meetsMark(0.69, 0.7)).toBe(false);
  });

  it('treats float noise just under the mark as the mark', () => {
    const noisy = 0.5 * 0.6 + 0.5 * 0.7; // 0.65 on paper
    expect(noisy).toBeLessThan(0.65);
    expect(meetsMark(noisy, 0.65)).toBe(true);
  });
});

describe('quizScore', () => {
  const paper = (marks: number[]): QuizItemMark[] => marks.map((mark, i) => ({ questionId: `q${i}`, skill: 'testing', mark }));

  it('is 0.7 for 7 of 10 and meets the 70 % theory mark exactly', () => {
    const score = quizScore(paper([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]));
    expect(score).toBe(0.7);
    expect(meetsMark(score, 0.7)).toBe(true);
  });

  it('reaches 70 % with partial credits that add up to 7', () => {
    expect(meetsMark(quizScore(paper([1, 1, 1, 1, 1, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3])), 0.7)).toBe(true);
  });

  it('fails 6.5 of 10 and counts unanswered questions as 0', () => {
    expect(meetsMark(quizScore(paper([1, 1, 1, 1, 1, 1, 0.5, 0, 0, 0])), 0.7)).toBe(false);
    expect(quizScore([])).toBe(0);
  });
});

/** An exam of the real certification, with its components resolved, as scoreExam takes it. */
function examRules(cert: Certification, levelId: string, purpose: 'certify' | 'renew' = 'certify'): ExamScoringRules {
  const level = cert.levels.find((l) => l.id === levelId);
  const exam = purpose === 'certify' ? level?.assessment : level?.recertification?.assessment;
  if (exam?.type !== 'exam') throw new Error(`"${levelId}" has no ${purpose} exam`);
  return { ...exam, components: examComponents(cert, exam) };
}

describe('scoreExam with the clean-timestamp Associate exam', () => {
  const cert = loadCertification();
  const associate = examRules(cert, 'associate');
  const areas = ['entity-implementation', 'domain-event-handling', 'production-troubleshooting', 'performance-optimization'];
  const theory = (correct: number): QuizItemMark[] => Array.from({ length: 10 }, (_, i) => ({ questionId: `q${i}`, skill: areas[i % 4] ?? 'entity-implementation', mark: i < correct ? 1 : 0 }));
  const run = (correct: number, tasks: [number, number, number, number]) =>
    scoreExam(associate, { quiz: { theory: theory(correct) }, tasks: { implementation: tasks[0], troubleshooting: tasks[1], optimization: tasks[2], 'code-review': tasks[3] } });

  it('passes every component exactly at its pass mark: every requirement of the code tasks, 70 % elsewhere', () => {
    const result = run(7, [1, 1, 1, 0.7]);
    expect(result.components.every((c) => c.passed)).toBe(true);
    expect(result.score).toBeCloseTo(0.25 * 0.7 + 0.6 + 0.15 * 0.7, 12);
    expect(result.passed).toBe(true);
    expect(result.distinction).toBe(false);
  });

  it('fails when one component is below its pass mark even with a high overall score', () => {
    const result = run(6, [1, 1, 1, 1]);
    expect(result.score).toBeCloseTo(0.9, 12);
    expect(result.components.find((c) => c.id === 'theory')?.passed).toBe(false);
    expect(result.passed).toBe(false);
    expect(result.distinction).toBe(false);
  });

  it('fails a code task that misses one requirement, however high the rest', () => {
    // a plausible mistake (e.g. a rule checked only in the constructor) fails one or two requirements
    const result = run(10, [0.97, 1, 1, 1]);
    expect(result.score).toBeGreaterThan(0.99);
    expect(result.components.find((c) => c.id === 'implementation')?.passed).toBe(false);
    expect(result.passed).toBe(false);
    for (const task of [1, 2] as const) {
      const tasks: [number, number, number, number] = [1, 1, 1, 1];
      tasks[task] = 0.9;
      expect(run(10, tasks).passed).toBe(false);
    }
  });

  it('marks a pass from 90 % overall "with distinction", and not one just below', () => {
    const distinction = run(7, [1, 1, 1, 5 / 6]);
    expect(distinction.score).toBeCloseTo(0.9, 12);
    expect([distinction.passed, distinction.distinction]).toEqual([true, true]);
    const plain = run(7, [1, 1, 1, 0.8]);
    expect(plain.score).toBeLessThan(0.9);
    expect([plain.passed, plain.distinction]).toEqual([true, false]);
  });

  it('scores a task that was never submitted as 0', () => {
    const result = scoreExam(associate, { quiz: { theory: theory(10) }, tasks: { implementation: 1, troubleshooting: 1, optimization: 1 } });
    const review = result.components.find((c) => c.id === 'code-review');
    expect(review?.score).toBe(0);
    expect(review?.passed).toBe(false);
    expect(result.passed).toBe(false);
  });

  it('reports the weights normalised and summing to 1', () => {
    const weights = run(10, [1, 1, 1, 1]).components.map((c) => c.weight);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });

  it('normalises the weights of a renewal exam over its own components only', () => {
    const renewal = examRules(cert, 'associate', 'renew');
    const result = scoreExam(renewal, { quiz: { 'renewal-theory': theory(8).slice(0, 8) }, tasks: { troubleshooting: 1, 'code-review': 1 } });
    expect(result.components.map((c) => c.id)).toEqual(['renewal-theory', 'troubleshooting', 'code-review']);
    expect(result.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect([result.score, result.passed]).toEqual([1, true]);
  });
});

describe('scoreExam with the Professional exam: three of four tasks', () => {
  const pro = examRules(loadCertification(), 'professional');
  const run = (scores: [number, number, number, number]) =>
    scoreExam(pro, { quiz: {}, tasks: Object.fromEntries(pro.components.map((c, i) => [c.id, scores[i] ?? 0])) });

  it('passes with three tasks that meet every requirement and 75 % overall', () => {
    const result = run([1, 1, 1, 0.4]);
    expect(result.components.filter((c) => c.passed)).toHaveLength(3);
    expect(result.score).toBeCloseTo(0.85, 12);
    expect(result.passed).toBe(true);
  });

  it('fails with two tasks passed, however close the other two', () => {
    const result = run([1, 1, 0.99, 0.99]);
    expect(result.score).toBeGreaterThan(0.99);
    expect(result.passed).toBe(false);
  });
});

describe('scoreExam weights and skills', () => {
  const exam: ExamScoringRules = {
    components: [
      { id: 'quiz', name: 'Quiz', type: 'quiz', weight: 2, passMark: 0.5, questionCount: 4, perSkillMinimum: {} },
      { id: 'task', name: 'Task', type: 'task', weight: 1, passMark: 0.5, exercise: 'ex', skill: 'implementation' },
    ],
    overallPassMark: 0.5,
  };
  const items: QuizItemMark[] = [
    { questionId: 'q1', skill: 'implementation', mark: 1 },
    { questionId: 'q2', skill: 'implementation', mark: 0 },
    { questionId: 'q3', skill: 'testing', mark: 1 },
    { questionId: 'q4', skill: 'testing', mark: 0.5 },
  ];

  it('normalises weights by their sum (2 and 1 become 2/3 and 1/3)', () => {
    const result = scoreExam(exam, { quiz: { quiz: items }, tasks: { task: 0.25 } });
    expect(result.components.map((c) => c.weight)).toEqual([2 / 3, 1 / 3]);
    expect(result.components[0]?.score).toBe(0.625);
    expect(result.score).toBeCloseTo((2 * 0.625 + 0.25) / 3, 12);
    expect(result.components[1]?.passed).toBe(false);
    expect(result.passed).toBe(false);
  });

  it('passes with a component below its mark when minComponentsPassed allows it', () => {
    const lenient = { ...exam, minComponentsPassed: 1 };
    expect(scoreExam(lenient, { quiz: { quiz: items.map((i) => ({ ...i, mark: 1 })) }, tasks: { task: 0.25 } })).toMatchObject({ passed: true });
    expect(scoreExam(lenient, { quiz: { quiz: items.map((i) => ({ ...i, mark: 0 })) }, tasks: { task: 1 } })).toMatchObject({ passed: false }); // 1/3 overall
  });

  it('weights each question by its share of the quiz weight in the per-skill scores', () => {
    const result = scoreExam(exam, { quiz: { quiz: items }, tasks: { task: 0.25 } });
    const implementation = result.skills.find((s) => s.skill === 'implementation');
    const testing = result.skills.find((s) => s.skill === 'testing');
    // implementation: two questions at weight (2/3)/4 each (marks 1, 0) and the task at 1/3 (0.25)
    expect(implementation?.evidence).toBe(3);
    expect(implementation?.weight).toBeCloseTo(2 / 3, 12);
    expect(implementation?.score).toBeCloseTo(((1 / 6) * 1 + (1 / 3) * 0.25) / (2 / 3), 12);
    expect(testing?.score).toBeCloseTo(0.75, 12);
    expect(result.skills.map((s) => s.skill)).toEqual(['implementation', 'testing']);
  });

  it('passes an overall score exactly at overallPassMark even when the float sum is just below it', () => {
    const equal: ExamScoringRules = { overallPassMark: 0.65, components: exam.components.map((c) => ({ ...c, weight: 1 })) };
    // equal weights: 0.5 · 0.6 + 0.5 · 0.7 = 0.65 on paper
    const onMark = scoreExam(equal, { quiz: { quiz: items.map((i) => ({ ...i, mark: 0.6 })) }, tasks: { task: 0.7 } });
    expect(onMark.score).toBeLessThan(0.65); // 0.6499999999999999 in binary floating point
    expect(onMark.score).toBeCloseTo(0.65, 12);
    expect(onMark.passed).toBe(true);
  });

  it('rejects a task score that is not a number', () => {
    expect(() => scoreExam(exam, { quiz: { quiz: items }, tasks: { task: Number.NaN } })).toThrow(RangeError);
  });
});
