// Quality checks of a program's quiz bank that schemas cannot express, for `npm run content:check`:
// the key must not be identifiable by its length (the uniquely longest option in too many
// single-answer questions lets a candidate who knows nothing pass by picking the longest), every
// `reveals` id must be an exercise, every exam's quiz components must be drawable from the bank's real
// items (bankProblems, with that exam's tasks on the paper), and every level's practice exam from its
// practice items.
import type { Question } from '../../lib/schemas/question.ts';
import type { ContentSet } from '../content/files.ts';
import type { ContentIssue } from '../content/issues.ts';
import { bankProblems, practicePool } from './draw.ts';
import { examComponents } from '../../lib/schemas/certification.ts';

/**
 * Most single-answer questions (types single and code) in which the key may be the uniquely
 * longest option. Around a quarter is what chance gives with four options; above this share,
 * "pick the longest" becomes a strategy.
 */
export const LONGEST_KEY_MAX_SHARE = 0.35;

/** Length of an option as the learner reads it: Markdown backticks are not shown. */
export function visibleLength(text: string): number {
  return text.replace(/`/g, '').trim().length;
}

export function isSingleAnswer(q: Pick<Question, 'type'>): boolean {
  return q.type === 'single' || q.type === 'code';
}

/** True for a single-answer question whose key is longer than every other option. */
export function keyIsUniquelyLongest(q: Pick<Question, 'type' | 'options'>): boolean {
  if (!isSingleAnswer(q)) return false;
  const key = q.options.find((o) => o.correct);
  if (!key) return false;
  const keyLength = visibleLength(key.text);
  return q.options.every((o) => o === key || visibleLength(o.text) < keyLength);
}

export interface LongestKeyReport {
  /** Number of single-answer questions (types single and code). */
  singleAnswer: number;
  /** Ids of the single-answer questions whose key is the uniquely longest option. */
  keyLongest: string[];
  /** keyLongest ÷ singleAnswer (0 for a bank without single-answer questions). */
  share: number;
}

export function longestKeyReport(bank: readonly Question[]): LongestKeyReport {
  const single = bank.filter(isSingleAnswer);
  const keyLongest = single.filter(keyIsUniquelyLongest).map((q) => q.id);
  return { singleAnswer: single.length, keyLongest, share: single.length === 0 ? 0 : keyLongest.length / single.length };
}

const percent = (share: number): string => `${Math.round(share * 100)} %`;

/** The longest-key rule for one program's bank; `files` maps question ids to their files. */
export function longestKeyIssues(bank: readonly Question[], files: ReadonlyMap<string, string>, where: string): ContentIssue[] {
  const report = longestKeyReport(bank);
  if (report.share <= LONGEST_KEY_MAX_SHARE) return [];
  const issues: ContentIssue[] = [
    {
      file: where,
      message:
        `the key is the uniquely longest option in ${report.keyLongest.length} of ${report.singleAnswer} single-answer questions ` +
        `(${percent(report.share)}, at most ${percent(LONGEST_KEY_MAX_SHARE)} allowed): a candidate who always picks the longest option ` +
        `would pass too often. Rewrite the questions listed below`,
    },
  ];
  for (const id of report.keyLongest) {
    issues.push({
      file: files.get(id) ?? `${where}/${id}.json`,
      field: 'options',
      message: 'the key is the uniquely longest option: shorten the key (move detail to the explanation) or give a distractor the same length and precision',
    });
  }
  return issues;
}

/** Per-question checks: `reveals` names exercises. (Words learners never meet are checked for all content in content/learner-words.ts.) */
export function questionIssues(file: string, q: Question, exerciseIds: ReadonlySet<string>): ContentIssue[] {
  const issues: ContentIssue[] = [];
  q.reveals?.forEach((id, i) => {
    if (!exerciseIds.has(id)) issues.push({ file, field: `reveals[${i}]`, message: `no exercise "${id}" in exercises/ (use the id of the exercise whose solution this question gives away)` });
  });
  return issues;
}

/** Every quiz-bank issue of the content set (one call from content:check). */
export function checkQuestionBanks(set: Pick<ContentSet, 'questions' | 'exercises' | 'certifications'>): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const exerciseIds = new Set(set.exercises.map((e) => e.data.id));
  for (const { file, data } of set.questions) issues.push(...questionIssues(file, data, exerciseIds));

  const programs = [...new Set(set.questions.map((q) => q.program))].sort();
  for (const program of programs) {
    const entries = set.questions.filter((q) => q.program === program);
    const files = new Map(entries.map((q) => [q.data.id, q.file]));
    issues.push(...longestKeyIssues(entries.map((q) => q.data), files, `assessments/${program}/questions`));
  }

  for (const { file, data: cert } of set.certifications) {
    const bank = set.questions.filter((q) => q.program === cert.program).map((q) => q.data);
    // Each exam's quizzes are drawn with that exam's tasks on the paper (renewals included).
    cert.levels.forEach((level, li) => {
      for (const assessment of [level.assessment, level.recertification?.assessment]) {
        if (assessment?.type !== 'exam') continue;
        const components = examComponents(cert, assessment);
        const paperExercises = components.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
        for (const c of components) {
          if (c.type !== 'quiz') continue;
          const field = `components[${cert.components.indexOf(c)}]`;
          for (const problem of bankProblems(bank, c, { paperExercises })) issues.push({ file, field, message: problem });
        }
      }
      if (level.practice) {
        const pool = practicePool(bank, level);
        for (const problem of bankProblems(pool, { questionCount: level.practice.questionCount, perSkillMinimum: {} }, { purpose: 'practice' })) {
          issues.push({ file, field: `levels[${li}].practice`, message: `${problem} (practice items are those with "practice": true${level.practice.sessions ? ` in sessions ${level.practice.sessions.join(', ')}` : ''}${level.practice.difficulties ? ` of difficulty ${level.practice.difficulties.join(', ')}` : ''})` });
        }
      }
    });
  }
  return [...new Map(issues.map((i) => [`${i.file}|${i.field ?? ''}|${i.message}`, i])).values()];
}
