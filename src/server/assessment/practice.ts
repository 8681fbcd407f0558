// Practice exams: for any level, at any time, a paper drawn from the bank's practice items (never a
// real exam's) within the level's practice sessions and difficulties, scored on submission with the
// key and the explanation of every question. Never credited, never counted as an attempt, no clock.
import { randomInt } from 'node:crypto';
import type { Db } from '../db/open.ts';
import type { Question } from '../../lib/schemas/question.ts';
import type { CertificationLevel } from '../../lib/schemas/certification.ts';
import { HttpError } from '../http.ts';
import { newSecretId } from '../ids.ts';
import { createRng, drawPaper, DrawError, practicePool, type Rng } from './draw.ts';
import { scoreQuestion } from '../../lib/scoring.ts';
import { toPaperView, type QuizQuestionView } from '../../lib/quiz-view.ts';
import { finishPracticePaper, getPracticePaper, insertPracticePaper, practicePapersOf, type PracticePaperRow } from '../db/practice.ts';
import type { StoredAnswers } from '../db/attempts.ts';
import { requireLevel, type AssessmentContent, type Learner } from './attempts.ts';
import { reviewQuestion, type ReviewedQuestion } from './question-review.ts';

export interface PracticeView {
  practiceId: string;
  program: string;
  level: string;
  levelName: string;
  questions: QuizQuestionView[];
}

export interface PracticeResult extends PracticeView {
  /** Share of the paper's marks, 0..1. */
  score: number;
  submittedAt: number;
  /** Every question with the candidate's answer, the key and the explanation. */
  review: ReviewedQuestion[];
}

function practiceRules(level: CertificationLevel): NonNullable<CertificationLevel['practice']> {
  if (!level.practice) throw new HttpError(404, 'no_practice', `"${level.name}" has no practice exam.`);
  return level.practice;
}

export async function startPractice(db: Db, user: Learner, content: AssessmentContent, levelId: string, now: number, rng: Rng = createRng(randomInt(2 ** 32))): Promise<PracticeView> {
  const level = requireLevel(content.certification, levelId);
  const rules = practiceRules(level);
  // Questions this learner practised before come last, so repeated practice shows new items first.
  const seen = new Set((await practicePapersOf(db, user.id, content.certification.program, level.id)).flatMap((p) => p.paper.questions.map((q) => q.id)));
  let paper;
  try {
    paper = drawPaper({ bank: practicePool(content.bank, level), component: { questionCount: rules.questionCount, perSkillMinimum: {} }, seen, rng, purpose: 'practice' });
  } catch (error) {
    if (error instanceof DrawError) throw new HttpError(500, 'bank_too_small', `The practice items cannot fill this practice exam: ${error.problems.join('; ')}`);
    throw error;
  }
  const id = newSecretId();
  await insertPracticePaper(db, { id, userId: user.id, program: content.certification.program, level: level.id, paper, now });
  return practiceView(await requireOwnPractice(db, user.id, id), content);
}

export async function requireOwnPractice(db: Db, userId: string, id: string): Promise<PracticePaperRow> {
  const paper = await getPracticePaper(db, id);
  if (!paper) throw new HttpError(404, 'not_found', 'No such practice exam.');
  if (paper.userId !== userId) throw new HttpError(403, 'forbidden', 'This practice exam belongs to another learner.');
  return paper;
}

function bankOf(content: AssessmentContent): Map<string, Question> {
  return new Map(content.bank.map((q) => [q.id, q]));
}

export function practiceView(paper: PracticePaperRow, content: AssessmentContent): PracticeView {
  const level = requireLevel(content.certification, paper.level);
  return { practiceId: paper.id, program: paper.program, level: level.id, levelName: level.name, questions: toPaperView(paper.paper, bankOf(content)) };
}

/** A submitted practice exam with its review; null while it is not submitted. */
export function practiceResult(paper: PracticePaperRow, content: AssessmentContent, skillName: (skill: string) => string = (skill) => skill): PracticeResult | null {
  if (paper.submittedAt === null || paper.score === null || paper.marks === null) return null;
  const bank = bankOf(content);
  const marks = paper.marks;
  return {
    ...practiceView(paper, content),
    score: paper.score,
    submittedAt: paper.submittedAt,
    review: paper.paper.questions.flatMap(({ id }) => {
      const q = bank.get(id);
      if (!q) return [];
      const answer = paper.answers[id];
      return [reviewQuestion(q, { mark: marks[id] ?? 0, chosen: answer === undefined ? [] : Array.isArray(answer) ? answer : [answer] }, skillName)];
    }),
  };
}

/**
 * Scores the answers (question id → option id, option ids, or null) and stores them. Answers to
 * questions not on the paper, or naming options a question does not have, are refused (400).
 */
export async function submitPractice(
  db: Db,
  userId: string,
  id: string,
  answers: unknown,
  content: AssessmentContent,
  now: number,
  skillName?: (skill: string) => string,
): Promise<PracticeResult> {
  // Checked, scored and marked submitted in one transaction: submitted once, whatever arrives at the same time.
  return db.transaction(async (tx) => {
    const paper = await requireOwnPractice(tx, userId, id);
    if (paper.submittedAt !== null) throw new HttpError(409, 'already_submitted', 'This practice exam has already been submitted; start another one.');
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
      throw new HttpError(400, 'invalid_input', 'Send {answers: {questionId: optionId | optionId[]}}.');
    }
    const onPaper = new Map(paper.paper.questions.map((q) => [q.id, q.optionOrder]));
    const stored: StoredAnswers = {};
    for (const [questionId, value] of Object.entries(answers)) {
      const options = onPaper.get(questionId);
      if (!options) throw new HttpError(400, 'unknown_question', `Question "${questionId}" is not part of this practice exam.`);
      const chosen = value === null ? [] : Array.isArray(value) ? value : [value];
      if (!chosen.every((o): o is string => typeof o === 'string' && options.includes(o)) || new Set(chosen).size !== chosen.length) {
        throw new HttpError(400, 'unknown_option', `An answer to "${questionId}" names an option that the question does not have.`);
      }
      if (chosen.length > 0) stored[questionId] = Array.isArray(value) ? chosen : (chosen[0] as string);
    }
    const bank = bankOf(content);
    const marks: Record<string, number> = {};
    for (const { id: questionId } of paper.paper.questions) {
      const question = bank.get(questionId);
      if (!question) throw new HttpError(500, 'bank_changed', `Question "${questionId}" is no longer in the bank.`);
      marks[questionId] = scoreQuestion(question, stored[questionId]);
    }
    const values = Object.values(marks);
    const score = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
    if (!await finishPracticePaper(tx, paper.id, { answers: stored, score, marks, now })) {
      throw new HttpError(409, 'already_submitted', 'This practice exam has already been submitted; start another one.');
    }
    const result = practiceResult(await requireOwnPractice(tx, userId, id), content, skillName);
    if (!result) throw new Error(`practice paper ${id} was stored without its score`);
    return result;
  });
}
