// The quiz-bank content checks (src/server/assessment/bank-check.ts) on small hand-made banks:
// the longest-key rule, `reveals` cross-references and the draw rules.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/lib/schemas/question.ts';
import { questionSchema } from '../../../src/lib/schemas/question.ts';
import type { Certification } from '../../../src/lib/schemas/certification.ts';
import type { Exercise } from '../../../src/lib/schemas/exercise.ts';
import {
  checkQuestionBanks,
  keyIsUniquelyLongest,
  LONGEST_KEY_MAX_SHARE,
  longestKeyIssues,
  longestKeyReport,
  questionIssues,
  visibleLength,
} from '../../../src/server/assessment/bank-check.ts';
import { makeQuestion } from './helpers.ts';

/** A single-answer question whose key has `keyLength` characters and whose distractors have 10. */
function withKeyLength(id: string, keyLength: number, overrides: Partial<Question> = {}): Question {
  return makeQuestion(id, 'testing', {
    options: [
      { id: 'a', text: 'k'.repeat(keyLength), correct: true },
      { id: 'b', text: 'b'.repeat(10) },
      { id: 'c', text: 'c'.repeat(10) },
      { id: 'd', text: 'd'.repeat(10) },
    ],
    ...overrides,
  });
}

const filesOf = (bank: readonly Question[]) => new Map(bank.map((q) => [q.id, `assessments/p/questions/${q.id}.json`]));

describe('the longest-key rule', () => {
  it('counts a key only when it is strictly longer than every other option, as the learner reads it', () => {
    expect(keyIsUniquelyLongest(withKeyLength('q', 11))).toBe(true);
    expect(keyIsUniquelyLongest(withKeyLength('q', 10))).toBe(false); // a tie is no cue
    expect(keyIsUniquelyLongest(withKeyLength('q', 9))).toBe(false);
    expect(visibleLength('`toBe(0)`')).toBe(7);
    const backticks = withKeyLength('q', 0, {
      options: [
        { id: 'a', text: '`abcdefghij`', correct: true },
        { id: 'b', text: 'abcdefghij' },
        { id: 'c', text: 'abc' },
      ],
    });
    expect(keyIsUniquelyLongest(backticks)).toBe(false);
  });

  it('leaves multiple-answer questions out of the count and counts code questions in', () => {
    const multiple = makeQuestion('m', 'testing', {
      type: 'multiple',
      options: [
        { id: 'a', text: 'a long correct option', correct: true },
        { id: 'b', text: 'another correct one', correct: true },
        { id: 'c', text: 'wrong' },
      ],
    });
    const code = withKeyLength('c', 30, { type: 'code', code: 'console.log(1);' });
    expect(longestKeyReport([multiple, code, withKeyLength('s', 5)])).toEqual({ singleAnswer: 2, keyLongest: ['c'], share: 0.5 });
  });

  it('passes a bank at the limit and reports nothing', () => {
    // 7 of 20 = 35 %: exactly the limit is allowed.
    const bank = Array.from({ length: 20 }, (_, i) => withKeyLength(`q${i}`, i < 7 ? 30 : 5));
    expect(longestKeyReport(bank).share).toBe(LONGEST_KEY_MAX_SHARE);
    expect(longestKeyIssues(bank, filesOf(bank), 'assessments/p/questions')).toEqual([]);
  });

  it('fails a bank above the limit, naming the bank, each question file and what to fix', () => {
    const bank = Array.from({ length: 10 }, (_, i) => withKeyLength(`q${i}`, i < 4 ? 30 : 5)); // 40 %
    const issues = longestKeyIssues(bank, filesOf(bank), 'assessments/p/questions');
    expect(issues).toHaveLength(5);
    expect(issues[0]).toMatchObject({ file: 'assessments/p/questions' });
    expect(issues[0]?.message).toContain('uniquely longest option in 4 of 10 single-answer questions (40 %, at most 35 % allowed)');
    expect(issues.slice(1).map((i) => i.file)).toEqual(['q0', 'q1', 'q2', 'q3'].map((id) => `assessments/p/questions/${id}.json`));
    for (const issue of issues.slice(1)) {
      expect(issue.field).toBe('options');
      expect(issue.message).toMatch(/shorten the key .* or give a distractor the same length/);
    }
  });
});

describe('per-question checks', () => {
  const exercises = new Set(['cert-release-entity', 's1-project-entity']);

  it('accepts reveals that name exercises and reports the ones that do not, by field', () => {
    const ok = makeQuestion('q', 'testing', { reveals: ['cert-release-entity'] });
    expect(questionIssues('assessments/p/questions/q.json', ok, exercises)).toEqual([]);
    const typo = makeQuestion('q', 'testing', { reveals: ['cert-release-entity', 'cert-relase-entity'] });
    expect(questionIssues('assessments/p/questions/q.json', typo, exercises)).toEqual([
      {
        file: 'assessments/p/questions/q.json',
        field: 'reveals[1]',
        message: 'no exercise "cert-relase-entity" in exercises/ (use the id of the exercise whose solution this question gives away)',
      },
    ]);
  });

  it('validates reveals in the schema: kebab-case ids, at least one, each once', () => {
    const base = makeQuestion('q', 'testing');
    expect(questionSchema.safeParse({ ...base, reveals: ['cert-release-entity'] }).success).toBe(true);
    expect(questionSchema.safeParse({ ...base, reveals: [] }).success).toBe(false);
    expect(questionSchema.safeParse({ ...base, reveals: ['Cert Release'] }).success).toBe(false);
    const twice = questionSchema.safeParse({ ...base, reveals: ['a-b', 'a-b'] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]).toMatchObject({ path: ['reveals'], message: 'list each exercise id once' });
  });

});

describe('checkQuestionBanks', () => {
  const exercise = (id: string) => ({ file: `exercises/${id}/exercise.json`, data: { id } as Exercise });
  const certification = (questionCount: number): Certification => ({
    program: 'p',
    title: 'T',
    description: 'd',
    components: [
      { id: 'theory', name: 'Theory', type: 'quiz', weight: 1, passMark: 0.7, questionCount, perSkillMinimum: { testing: 2 } },
      { id: 'task', name: 'Task', type: 'task', weight: 1, passMark: 0.7, exercise: 'cert-task', skill: 'testing' },
    ],
    levels: [
      {
        id: 'l',
        name: 'L',
        description: 'd',
        criteria: 'n',
        validityMonths: 12,
        prerequisites: { exercises: [] },
        assessment: { type: 'exam', components: ['theory', 'task'], overallPassMark: 0.7, timeLimitMinutes: 60, attempts: { max: 3, cooldownHours: 24, submissionsPerTask: 5 } },
      },
    ],
    renewalReminderDays: 30,
  } as Certification);
  const bank = [
    withKeyLength('q1', 5),
    withKeyLength('q2', 5),
    withKeyLength('q3', 5, { reveals: ['cert-task'] }),
    withKeyLength('q4', 5, { reveals: ['cert-task'] }),
  ];
  const set = (questionCount: number, questions: readonly Question[] = bank) => ({
    questions: questions.map((data) => ({ file: `assessments/p/questions/${data.id}.json`, data, program: 'p' })),
    exercises: [exercise('cert-task')],
    certifications: [{ file: 'assessments/p/certification.json', data: certification(questionCount) }],
  });

  it('passes a bank that fills the paper without the questions that reveal its task', () => {
    expect(checkQuestionBanks(set(2))).toEqual([]);
  });

  it('reports draw rules that only the revealing questions could fill, on the certification file', () => {
    expect(checkQuestionBanks(set(3))).toEqual([
      {
        file: 'assessments/p/certification.json',
        field: 'components[0]',
        message: 'questionCount is 3 but the bank has only 2 questions (not counting 2 that reveal a task on the same paper: q3, q4)',
      },
    ]);
  });

  it('collects every kind of issue in one call', () => {
    const broken = [...bank, withKeyLength('q5', 40, { reveals: ['no-such-task'] }), withKeyLength('q6', 40), withKeyLength('q7', 40)];
    const issues = checkQuestionBanks(set(2, broken));
    expect(issues.map((i) => `${i.file}${i.field ? `: ${i.field}` : ''}`)).toEqual([
      'assessments/p/questions/q5.json: reveals[0]',
      'assessments/p/questions',
      'assessments/p/questions/q5.json: options',
      'assessments/p/questions/q6.json: options',
      'assessments/p/questions/q7.json: options',
    ]);
  });
});
