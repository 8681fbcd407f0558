// The certification attempt state machine: start an exam of a level, to earn it or renew it
// (eligibility, stratified draw, server clock), autosave answers and flags, submit (score every
// component by the exam's rules in content, store the full breakdown, issue the certificate record
// for the attempt's level on a pass). Keys never leave this module before submission.
import { randomInt } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { assessmentFor, examComponents, type Certification, type CertificationLevel, type Exam, type Purpose } from '../../lib/schemas/certification.ts';
import type { Question } from '../../lib/schemas/question.ts';
import { HttpError } from '../http.ts';
import { newSecretId } from '../ids.ts';
import { createRng, drawPaper, DrawError, type Rng } from './draw.ts';
import { attemptDeadline, certificateExpiresAt, checkEligibility, levelStanding, type Eligibility, type HeldCertificate } from './rules.ts';
import { scoreExam, scoreQuestion, type QuizItemMark } from '../../lib/scoring.ts';
import { toPaperView, type QuizQuestionView } from '../../lib/quiz-view.ts';
import { bestTaskScores, cohortVariantUsage, finishAttempt, getAttempt, insertAttempt, listAttempts, questionsSeenBy, questionUsage, saveAnswers, variantsSeenBy, type AttemptRow, type StoredAnswers } from '../db/attempts.ts';
import { drawVariant } from './task-variant.ts';
import type { StoredPaper } from '../../lib/contracts/attempt-paper.ts';
import type { AttemptBreakdown, ComponentResult, QuestionResult, SkillResult } from '../../lib/contracts/attempt-breakdown.ts';
import { certificatesOf, insertCertificate, STATUS_BITS, STATUS_LIST_SIZE } from '../db/certificates.ts';
import { countCaseStudiesInReview } from '../db/case-studies.ts';
import { waivedLevelsOf } from '../db/waivers.ts';
import { attemptSubmissionCounts, passedExerciseIds } from '../db/submissions.ts';

/** Requests in flight when the clock runs out still count. */
export const SUBMIT_GRACE_MS = 30_000;

export interface AssessmentContent {
  certification: Certification;
  bank: readonly Question[];
  /** Titles of the program's exercises by id, for what learners read (prerequisites); ids are shown without it. */
  exerciseTitles?: ReadonlyMap<string, string>;
  /** Variant ids of the certification tasks that have variants, by exercise id (task-variant.ts). */
  taskVariants?: ReadonlyMap<string, readonly string[]>;
}

export interface Learner {
  id: string;
  name: string;
  email: string;
}

/** Which level's assessment, for which purpose. */
export interface Target {
  level: string;
  purpose: Purpose;
}

export interface AttemptView {
  attemptId: string;
  program: string;
  /** The level the attempt is for, and its name. */
  level: string;
  levelName: string;
  purpose: Purpose;
  status: 'open' | 'submitted';
  startedAt: number;
  expiresAt: string;
  serverNow: string;
  questions: QuizQuestionView[];
  answers: StoredAnswers;
  flags: string[];
  /** submissionsLeft: graded submissions the task still allows in this attempt (the exam's attempts.submissionsPerTask). */
  tasks: { exerciseId: string; component: string; name: string; bestScore: number | null; status: string | null; submissionsLeft: number }[];
}

/** The level by id; 404 for one the certification does not have. */
export function requireLevel(certification: Certification, levelId: string): CertificationLevel {
  const level = certification.levels.find((l) => l.id === levelId);
  if (!level) throw new HttpError(404, 'not_found', `The certification has no level "${levelId}"; its levels are ${certification.levels.map((l) => `"${l.id}"`).join(', ')}.`);
  return level;
}

/** The exam a target is taken with; 409 when the level is earned or renewed another way (a case study, or no renewal). */
export function requireExam(certification: Certification, target: Target): { level: CertificationLevel; exam: Exam } {
  const level = requireLevel(certification, target.level);
  const assessment = assessmentFor(level, target.purpose);
  if (!assessment) throw new HttpError(409, 'no_renewal', `"${level.name}" has no renewal: earn it again once it has expired.`);
  if (assessment.type !== 'exam') throw new HttpError(409, 'not_an_exam', `"${level.name}" is ${target.purpose === 'renew' ? 'renewed' : 'earned'} with a case study, not an exam.`);
  return { level, exam: assessment };
}

/** The level an attempt is for (attempts from before the ladder were for the first level). */
export function levelIdOf(attempt: Pick<AttemptRow, 'targetLevel'>, certification: Certification): string {
  return attempt.targetLevel ?? certification.levels[0]?.id ?? '';
}

/** The exam an attempt is taken with. */
export function examOf(attempt: Pick<AttemptRow, 'targetLevel' | 'purpose'>, certification: Certification): { level: CertificationLevel; exam: Exam } {
  return requireExam(certification, { level: levelIdOf(attempt, certification), purpose: attempt.purpose });
}

export async function heldCertificates(db: Db, userId: string, program: string): Promise<HeldCertificate[]> {
  return (await certificatesOf(db, userId, program)).map((c) => ({ level: c.level, issuedAt: c.issuedAt, expiresAt: c.expiresAt, revoked: c.revokedAt !== null }));
}

/** This learner's exam attempts at a level for a purpose. */
export async function attemptsAt(db: Db, userId: string, certification: Certification, target: Target): Promise<AttemptRow[]> {
  return (await listAttempts(db, userId, certification.program)).filter((a) => a.kind === 'exam' && a.purpose === target.purpose && levelIdOf(a, certification) === target.level);
}

export async function eligibilityFor(db: Db, userId: string, content: AssessmentContent, target: Target, now: number): Promise<Eligibility> {
  const { certification } = content;
  requireLevel(certification, target.level);
  return checkEligibility({
    certification,
    level: target.level,
    purpose: target.purpose,
    passedExercises: await passedExerciseIds(db, userId),
    attempts: (await attemptsAt(db, userId, certification, target)).map((a) => ({ startedAt: a.startedAt, submittedAt: a.submittedAt, passed: a.passed })),
    caseStudiesInReview: await countCaseStudiesInReview(db, userId, certification.program, target),
    certificates: await heldCertificates(db, userId, certification.program),
    waivedLevels: await waivedLevelsOf(db, userId, certification.program),
    now,
    exerciseTitle: (id) => content.exerciseTitles?.get(id) ?? id,
  });
}

/** Starts an exam attempt at `target` (by default earning the first level). */
export async function startAttempt(
  db: Db,
  user: Learner,
  content: AssessmentContent,
  now: number,
  rng: Rng = createRng(randomInt(2 ** 32)),
  target: Target = { level: content.certification.levels[0]?.id ?? '', purpose: 'certify' },
): Promise<AttemptView> {
  // Eligibility (no other open attempt, waiting periods), the draw (from the cohort's variant usage)
  // and the insert are one transaction: two starts at once cannot both pass, nor draw from the same counts.
  // Every start reads the program's question usage and adds to it, so a class pressing Start together
  // queues on the program rather than colliding (on PostgreSQL each collision is a retry).
  return db.transaction((tx) => startAttemptIn(tx, user, content, now, rng, target), { queueOn: [`attempt start ${content.certification.program}`] });
}

async function startAttemptIn(db: Db, user: Learner, content: AssessmentContent, now: number, rng: Rng, target: Target): Promise<AttemptView> {
  const { certification } = content;
  const { exam } = requireExam(certification, target);
  const eligibility = await eligibilityFor(db, user.id, content, target, now);
  if (!eligibility.eligible) {
    const open = (await attemptsAt(db, user.id, certification, target)).find((a) => a.status === 'open' && now < a.expiresAt);
    throw new HttpError(409, 'not_eligible', eligibility.reasons.map((r) => r.message).join(' '), {
      details: { reasons: eligibility.reasons, ...(open ? { attemptId: open.id } : {}), ...(eligibility.nextAttemptAt ? { nextAttemptAt: new Date(eligibility.nextAttemptAt).toISOString() } : {}) },
    });
  }
  const components = examComponents(certification, exam);
  const usage = await questionUsage(db, certification.program);
  // A retake gets the questions this learner has not seen first, and no question may reveal a task on the paper.
  const seen = await questionsSeenBy(db, user.id, certification.program);
  const paperExercises = components.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
  const paper: StoredPaper = { quiz: {}, tasks: [] };
  for (const component of components) {
    if (component.type === 'quiz') {
      const taken = new Set(Object.values(paper.quiz).flatMap((p) => p.questions.map((q) => q.id)));
      try {
        paper.quiz[component.id] = drawPaper({ bank: content.bank.filter((q) => !taken.has(q.id)), component, usage, seen, paperExercises, rng });
      } catch (error) {
        if (error instanceof DrawError) throw new HttpError(500, 'bank_too_small', `The question bank cannot fill this certification: ${error.problems.join('; ')}`);
        throw error;
      }
    } else {
      const variants = content.taskVariants?.get(component.exercise);
      const variant = variants?.length
        ? drawVariant({ variants, seen: await variantsSeenBy(db, user.id, component.exercise), cohortUsage: await cohortVariantUsage(db, user.id, component.exercise), rng })
        : undefined;
      paper.tasks.push({ componentId: component.id, exerciseId: component.exercise, ...(variant ? { variant } : {}) });
    }
  }
  const id = newSecretId();
  await insertAttempt(db, { id, userId: user.id, program: certification.program, level: target.level, purpose: target.purpose, paper, startedAt: now, expiresAt: attemptDeadline(now, exam) });
  return attemptView(db, await requireOwnAttempt(db, user.id, id), content, now);
}

export async function requireOwnAttempt(db: Db, userId: string, attemptId: string): Promise<AttemptRow> {
  const attempt = await getAttempt(db, attemptId);
  if (!attempt) throw new HttpError(404, 'not_found', 'No such attempt.');
  if (attempt.userId !== userId) throw new HttpError(403, 'forbidden', 'This attempt belongs to another learner.');
  return attempt;
}

function bankById(content: AssessmentContent): Map<string, Question> {
  return new Map(content.bank.map((q) => [q.id, q]));
}

export async function attemptView(db: Db, attempt: AttemptRow, content: AssessmentContent, now: number): Promise<AttemptView> {
  const bank = bankById(content);
  const best = await bestTaskScores(db, attempt.id);
  const used = await attemptSubmissionCounts(db, attempt.id);
  const { level, exam } = examOf(attempt, content.certification);
  const allowed = exam.attempts.submissionsPerTask;
  return {
    attemptId: attempt.id,
    program: attempt.program,
    level: level.id,
    levelName: level.name,
    purpose: attempt.purpose,
    status: attempt.status,
    startedAt: attempt.startedAt,
    expiresAt: new Date(attempt.expiresAt).toISOString(),
    serverNow: new Date(now).toISOString(),
    questions: Object.values(attempt.paper.quiz).flatMap((paper) => toPaperView(paper, bank)),
    answers: attempt.answers,
    flags: attempt.flags,
    tasks: attempt.paper.tasks.map((t) => ({
      exerciseId: t.exerciseId,
      component: t.componentId,
      name: content.certification.components.find((c) => c.id === t.componentId)?.name ?? t.componentId,
      bestScore: best.get(t.exerciseId)?.score ?? null,
      status: best.get(t.exerciseId)?.status ?? null,
      submissionsLeft: Math.max(0, allowed - (used.get(t.exerciseId) ?? 0)),
    })),
  };
}

/** Throws unless the attempt is open and within its time (plus grace). */
export function requireOpen(attempt: AttemptRow, now: number): void {
  if (attempt.status === 'submitted') throw new HttpError(409, 'already_submitted', 'This attempt has already been submitted.');
  if (now > attempt.expiresAt + SUBMIT_GRACE_MS) {
    throw new HttpError(409, 'attempt_expired', `The time for this attempt ran out at ${new Date(attempt.expiresAt).toISOString()}.`);
  }
}

/** Validates and merges autosaved answers; answers to questions not on the paper are rejected. */
export async function saveAttemptAnswers(db: Db, userId: string, attemptId: string, body: { answers?: unknown; flags?: unknown }, now: number): Promise<{ saved: number }> {
  // Read, merge and write the answers in one transaction: two saves at once (autosave, a second tab) keep each other's answers.
  return db.transaction((tx) => saveAttemptAnswersIn(tx, userId, attemptId, body, now));
}

async function saveAttemptAnswersIn(db: Db, userId: string, attemptId: string, body: { answers?: unknown; flags?: unknown }, now: number): Promise<{ saved: number }> {
  const attempt = await requireOwnAttempt(db, userId, attemptId);
  requireOpen(attempt, now);
  const onPaper = new Map<string, string[]>();
  for (const paper of Object.values(attempt.paper.quiz)) for (const q of paper.questions) onPaper.set(q.id, q.optionOrder);
  const answers: StoredAnswers = { ...attempt.answers };
  if (body.answers !== undefined) {
    if (typeof body.answers !== 'object' || body.answers === null || Array.isArray(body.answers)) {
      throw new HttpError(400, 'invalid_input', 'Send {answers: {questionId: optionId | optionId[]}}.');
    }
    for (const [questionId, value] of Object.entries(body.answers)) {
      const options = onPaper.get(questionId);
      if (!options) throw new HttpError(400, 'unknown_question', `Question "${questionId}" is not part of this attempt.`);
      const chosen = value === null ? [] : Array.isArray(value) ? value : [value];
      if (!chosen.every((o): o is string => typeof o === 'string' && options.includes(o)) || new Set(chosen).size !== chosen.length) {
        throw new HttpError(400, 'unknown_option', `An answer to "${questionId}" names an option that the question does not have.`);
      }
      if (chosen.length === 0) delete answers[questionId];
      else answers[questionId] = Array.isArray(value) ? chosen : (chosen[0] as string);
    }
  }
  let flags = attempt.flags;
  if (body.flags !== undefined) {
    if (!Array.isArray(body.flags) || !body.flags.every((f): f is string => typeof f === 'string' && onPaper.has(f))) {
      throw new HttpError(400, 'invalid_flags', 'flags must list question ids of this attempt.');
    }
    flags = [...new Set(body.flags)];
  }
  await saveAnswers(db, attempt.id, answers, flags);
  return { saved: Object.keys(answers).length };
}

export interface SubmitOutcome {
  passed: boolean;
  score: number;
  /** The level the attempt earned or renewed (null when not passed). */
  level: string | null;
  purpose: Purpose;
  distinction: boolean;
  components: ComponentResult[];
  skills: SkillResult[];
  certificateId?: string;
}

/** `statusListSize` sizes a revocation status list the certificate may have to start (STATUS_LIST_SIZE). */
export async function submitAttempt(db: Db, user: Learner, attemptId: string, content: AssessmentContent, now: number, statusListSize = STATUS_LIST_SIZE): Promise<SubmitOutcome> {
  // Scored from the answers and best task results as they stand when it closes, and the certificate
  // issued, in one transaction: a task graded meanwhile is either counted or lands after the close.
  return db.transaction((tx) => submitAttemptIn(tx, user, attemptId, content, now, statusListSize), { queueOn: [STATUS_BITS] });
}

async function submitAttemptIn(db: Db, user: Learner, attemptId: string, content: AssessmentContent, now: number, statusListSize: number): Promise<SubmitOutcome> {
  const attempt = await requireOwnAttempt(db, user.id, attemptId);
  requireOpen(attempt, now);
  const { certification } = content;
  const { level, exam } = examOf(attempt, certification);
  const bank = bankById(content);
  const quiz: Record<string, QuizItemMark[]> = {};
  const questions: QuestionResult[] = [];
  for (const [componentId, paper] of Object.entries(attempt.paper.quiz)) {
    quiz[componentId] = paper.questions.map((entry) => {
      const question = bank.get(entry.id);
      if (!question) throw new HttpError(500, 'bank_changed', `Question "${entry.id}" is no longer in the bank.`);
      const answer = attempt.answers[entry.id];
      const mark = scoreQuestion(question, answer);
      questions.push({ id: entry.id, skill: question.skill, mark, chosen: answer === undefined ? [] : Array.isArray(answer) ? answer : [answer] });
      return { questionId: entry.id, skill: question.skill, mark };
    });
  }
  const best = await bestTaskScores(db, attempt.id);
  const tasks: Record<string, number> = {};
  for (const t of attempt.paper.tasks) tasks[t.componentId] = best.get(t.exerciseId)?.score ?? 0;
  const result = scoreExam({ ...exam, components: examComponents(certification, exam) }, { quiz, tasks });
  const breakdown: AttemptBreakdown = {
    components: result.components,
    skills: result.skills,
    questions,
    tasks: Object.fromEntries(attempt.paper.tasks.map((t) => [t.componentId, best.get(t.exerciseId) ?? null])),
  };
  const outcome: SubmitOutcome = {
    passed: result.passed,
    score: result.score,
    level: result.passed ? level.id : null,
    purpose: attempt.purpose,
    distinction: result.distinction,
    components: result.components.map((c) => ({ id: c.id, name: c.name, score: c.score, passMark: c.passMark, passed: c.passed, weight: c.weight })),
    skills: result.skills.map((s) => ({ skill: s.skill, score: s.score })),
  };
  await db.transaction(async (tx) => {
    const won = await finishAttempt(tx, attempt.id, {
      submittedAt: now,
      score: result.score,
      passed: result.passed,
      level: outcome.level,
      breakdown,
      marks: Object.fromEntries(questions.map((q) => [q.id, q.mark])),
    });
    if (!won) throw new HttpError(409, 'already_submitted', 'This attempt has already been submitted.');
    if (result.passed) {
      const certificate = await issueLevelCertificate(tx, user, {
        certification,
        level,
        purpose: attempt.purpose,
        attemptId: attempt.id,
        score: result.score,
        distinction: result.distinction,
        breakdown: { components: outcome.components, skills: outcome.skills },
        now,
        statusListSize,
      });
      outcome.certificateId = certificate.id;
    }
  });
  return outcome;
}

/**
 * Stores the certificate a passed assessment earns at its level. Earning: valid validityMonths from
 * now. Renewing: valid validityMonths from the expiry it renews (renewing early loses nothing), or
 * from now if that has passed in the meantime.
 */
export async function issueLevelCertificate(
  db: Db,
  user: Learner,
  input: {
    certification: Certification;
    level: CertificationLevel;
    purpose: Purpose;
    attemptId: string;
    score: number;
    distinction: boolean;
    breakdown: { components: ComponentResult[]; skills: SkillResult[] };
    now: number;
    statusListSize?: number;
  },
): Promise<{ id: string }> {
  const { certification, level, now } = input;
  const standing = levelStanding(certification, level.id, await heldCertificates(db, user.id, certification.program), now);
  const from = input.purpose === 'renew' && standing.expiresAt !== null ? Math.max(now, standing.expiresAt) : now;
  return await insertCertificate(
    db,
    {
      userId: user.id,
      attemptId: input.attemptId,
      program: certification.program,
      level: level.id,
      distinction: input.distinction,
      learnerName: user.name,
      learnerEmail: user.email,
      score: input.score,
      breakdown: input.breakdown,
      issuedAt: now,
      expiresAt: certificateExpiresAt(from, level.validityMonths),
    },
    input.statusListSize ?? STATUS_LIST_SIZE,
  );
}

/** What submitting now would score as zero: unanswered questions (numbered as on the paper) and tasks without a graded submission. */
export interface Outstanding {
  questions: number[];
  tasks: string[];
}

export function outstandingItems(view: AttemptView): Outstanding {
  return {
    questions: view.questions.flatMap((q, i) => (view.answers[q.id] === undefined ? [i + 1] : [])),
    tasks: view.tasks.filter((t) => t.bestScore === null).map((t) => t.name),
  };
}

export function describeOutstanding(o: Outstanding): string {
  const parts: string[] = [];
  if (o.questions.length) parts.push(`${o.questions.length} question${o.questions.length === 1 ? '' : 's'} unanswered (${o.questions.join(', ')})`);
  if (o.tasks.length) parts.push(`${o.tasks.length} task${o.tasks.length === 1 ? '' : 's'} not submitted (${o.tasks.join(', ')})`);
  return parts.join(' and ');
}

/**
 * Submitting is final and uses one of the allowed attempts, so with anything outstanding it needs an
 * explicit confirmation ({confirm: true}) while time is left; once the time is up, what was saved is
 * scored without asking.
 */
export function requireSubmitConfirmation(view: AttemptView, attempt: AttemptRow, now: number, confirmed: boolean): void {
  if (confirmed || now >= attempt.expiresAt) return;
  const outstanding = outstandingItems(view);
  if (outstanding.questions.length === 0 && outstanding.tasks.length === 0) return;
  throw new HttpError(
    409,
    'confirmation_required',
    `Not submitted: ${describeOutstanding(outstanding)}; they would score 0. Submitting is final and uses one of your attempts. To submit anyway, send {"confirm": true}.`,
    { details: { outstanding } },
  );
}
