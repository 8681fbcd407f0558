// Content checks of the clean-timestamp question bank and certification rules.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../../src/lib/schemas/question.ts';
import { bankProblems, createRng, drawPaper, practicePool } from '../../../src/server/assessment/draw.ts';
import { examComponents } from '../../../src/lib/schemas/certification.ts';
import { certificationProblems } from '../../../src/server/assessment/rules.ts';
import { scoreQuestion } from '../../../src/lib/scoring.ts';
import { checkQuestionBanks } from '../../../src/server/assessment/bank-check.ts';
import { loadContent } from '../../../src/server/content/files.ts';
import { loadBank, loadCertification, readBankFiles } from './helpers.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// The four areas of the course's competency assessment (program.json skillAreas).
const skills = ['entity-implementation', 'domain-event-handling', 'production-troubleshooting', 'performance-optimization'];

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

  const associate = cert.levels[0];
  if (associate?.assessment.type !== 'exam') throw new Error('the first level is earned by an exam');
  const onPaper = examComponents(cert, associate.assessment);

  it('is consistent and its Associate exam matches seed 000: a 10-question theory quiz at 70 % plus four tasks', () => {
    expect(certificationProblems(cert)).toEqual([]);
    const quiz = onPaper.find((c) => c.type === 'quiz');
    expect(quiz).toMatchObject({ questionCount: 10, passMark: 0.7 });
    expect(onPaper.filter((c) => c.type === 'task').map((c) => (c.type === 'task' ? c.exercise : '')).sort()).toEqual([
      'cert-bulk-status',
      'cert-code-review',
      'cert-leaky-service',
      'cert-release-entity',
    ]);
    expect(associate.name).toBe('Certified Clean Timestamp Associate');
    expect(associate.prerequisites.exercises.every((id) => /^s[12]-/.test(id))).toBe(true);
  });

  it('draws a paper from the real bank that covers every skill area, session and difficulty, for any seed', () => {
    const quiz = onPaper.find((c) => c.type === 'quiz');
    if (quiz?.type !== 'quiz') throw new Error('the Associate exam has a quiz component');
    const paperExercises = onPaper.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
    expect(bankProblems(bank, quiz, { paperExercises })).toEqual([]);
    const byId = new Map(bank.map((q) => [q.id, q]));
    for (let seed = 1; seed <= 100; seed++) {
      const drawn = drawPaper({ bank, component: quiz, paperExercises, rng: createRng(seed) }).questions.map((q) => byId.get(q.id));
      expect(drawn).toHaveLength(10);
      for (const skill of skills) expect(drawn.filter((q) => q?.skill === skill).length).toBeGreaterThanOrEqual(2);
      for (const session of [1, 2, 3]) expect(drawn.some((q) => q?.session === session)).toBe(true);
      for (const difficulty of [1, 2, 3]) expect(drawn.some((q) => q?.difficulty === difficulty)).toBe(true);
      expect(drawn.some((q) => q?.reveals?.some((id) => paperExercises.includes(id)))).toBe(false);
      expect(drawn.some((q) => q?.practice === true)).toBe(false);
    }
  });

  it('keeps practice items apart: never on a real paper, and enough of them for every level\'s practice exam', () => {
    const practice = bank.filter((q) => q.practice === true);
    expect(practice.length).toBeGreaterThanOrEqual(20);
    for (const level of cert.levels) {
      const rules = level.practice;
      if (!rules) throw new Error(`level "${level.id}" has no practice exam`);
      const pool = practicePool(bank, level);
      expect(pool.every((q) => q.practice === true)).toBe(true);
      expect(pool.length, `practice items for ${level.id}`).toBeGreaterThan(rules.questionCount);
      for (let seed = 1; seed <= 20; seed++) {
        const paper = drawPaper({ bank: pool, component: { questionCount: rules.questionCount, perSkillMinimum: {} }, rng: createRng(seed), purpose: 'practice' });
        expect(paper.questions.every(({ id }) => pool.some((q) => q.id === id))).toBe(true);
      }
    }
    // Every exam of the ladder (renewals too) draws only from the real items.
    for (const level of cert.levels) {
      for (const assessment of [level.assessment, level.recertification?.assessment]) {
        if (assessment?.type !== 'exam') continue;
        for (const c of examComponents(cert, assessment)) {
          if (c.type !== 'quiz') continue;
          const drawn = drawPaper({ bank, component: c, rng: createRng(7) }).questions.map((q) => q.id);
          expect(drawn.some((id) => practice.some((q) => q.id === id))).toBe(false);
        }
      }
    }
  });

  it('passes the quiz-bank checks of content:check (longest key, reveals, wording, draw rules)', () => {
    const set = loadContent(repoRoot);
    expect(set.issues.filter((i) => i.file.startsWith('assessments/'))).toEqual([]);
    expect(checkQuestionBanks(set)).toEqual([]);
  });
});
