// Content checks of the clean-timestamp question bank and certification rules.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../../src/lib/schemas/question.ts';
import { bankProblems, createRng, drawPaper } from '../../../src/server/assessment/draw.ts';
import { certificationProblems } from '../../../src/server/assessment/rules.ts';
import { scoreQuestion } from '../../../src/lib/scoring.ts';
import { checkQuestionBanks } from '../../../src/server/assessment/bank-check.ts';
import { loadContent } from '../../../src/server/content/files.ts';
import { loadBank, loadCertification, readBankFiles } from './helpers.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const skills = ['implementation', 'debugging', 'testing', 'architecture'];

describe('clean-timestamp question bank', () => {
  const files = readBankFiles();
  const bank = loadBank();

  it('has at least 44 questions, each valid and named after its id', () => {
    expect(files.length).toBeGreaterThanOrEqual(44);
    for (const { file, raw } of files) {
      const parsed = questionSchema.safeParse(raw);
      expect(parsed.success, `${file}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
      if (parsed.success) expect(`${parsed.data.id}.json`).toBe(file);
    }
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
  });

  it('covers every skill area and every session with at least 10 questions', () => {
    for (const skill of skills) expect(bank.filter((q) => q.skill === skill).length, skill).toBeGreaterThanOrEqual(10);
    for (const session of [1, 2, 3]) expect(bank.filter((q) => q.session === session).length, `session ${session}`).toBeGreaterThanOrEqual(10);
    expect(new Set(bank.map((q) => q.skill))).toEqual(new Set(skills));
  });

  it('mixes difficulties and question types, with at least 8 code-reading questions', () => {
    for (const d of [1, 2, 3]) expect(bank.some((q) => q.difficulty === d)).toBe(true);
    expect(bank.filter((q) => q.type === 'code' && q.code).length).toBeGreaterThanOrEqual(8);
    expect(bank.filter((q) => q.type === 'multiple').length).toBeGreaterThanOrEqual(5);
  });

  it('gives multiple-answer questions wrong options, so ticking everything scores 0', () => {
    for (const q of bank.filter((x) => x.type === 'multiple')) {
      expect(scoreQuestion(q, q.options.map((o) => o.id)), q.id).toBe(0);
      expect(scoreQuestion(q, q.options.filter((o) => o.correct).map((o) => o.id)), q.id).toBe(1);
    }
  });

  it('has distinct option texts within each question', () => {
    for (const q of bank) expect(new Set(q.options.map((o) => o.text)).size, q.id).toBe(q.options.length);
  });
});

describe('clean-timestamp certification rules', () => {
  const cert = loadCertification();
  const bank = loadBank();

  it('is consistent and matches seed 000: a 10-question theory quiz at 70 % plus four tasks', () => {
    expect(certificationProblems(cert)).toEqual([]);
    const quiz = cert.components.find((c) => c.type === 'quiz');
    expect(quiz).toMatchObject({ questionCount: 10, passMark: 0.7 });
    expect(cert.components.filter((c) => c.type === 'task').map((c) => (c.type === 'task' ? c.exercise : '')).sort()).toEqual([
      'cert-bulk-status',
      'cert-code-review',
      'cert-leaky-service',
      'cert-release-entity',
    ]);
    expect(cert.levels[0]?.name).toBe('Certified Clean Timestamp Developer');
    expect(cert.prerequisites.exercises.every((id) => /^s[12]-/.test(id))).toBe(true);
  });

  it('draws a paper from the real bank that covers every skill area, session and difficulty, for any seed', () => {
    const quiz = cert.components.find((c) => c.type === 'quiz');
    if (quiz?.type !== 'quiz') throw new Error('the certification has a quiz component');
    const paperExercises = cert.components.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
    expect(bankProblems(bank, quiz, { paperExercises })).toEqual([]);
    const byId = new Map(bank.map((q) => [q.id, q]));
    for (let seed = 1; seed <= 100; seed++) {
      const drawn = drawPaper({ bank, component: quiz, paperExercises, rng: createRng(seed) }).questions.map((q) => byId.get(q.id));
      expect(drawn).toHaveLength(10);
      for (const skill of skills) expect(drawn.filter((q) => q?.skill === skill).length).toBeGreaterThanOrEqual(2);
      for (const session of [1, 2, 3]) expect(drawn.some((q) => q?.session === session)).toBe(true);
      for (const difficulty of [1, 2, 3]) expect(drawn.some((q) => q?.difficulty === difficulty)).toBe(true);
      expect(drawn.some((q) => q?.reveals?.some((id) => paperExercises.includes(id)))).toBe(false);
    }
  });

  it('passes the quiz-bank checks of content:check (longest key, reveals, wording, draw rules)', () => {
    const set = loadContent(repoRoot);
    expect(set.issues.filter((i) => i.file.startsWith('assessments/'))).toEqual([]);
    expect(checkQuestionBanks(set)).toEqual([]);
  });
});
