// What a candidate sees once their attempt is scored: components and skill areas against their
// marks, the lessons to study where they fell short, when they may retake, the certificate earned,
// and every question with their answer, the key and the explanation (keys are theirs to see now).
import { getProgram, lessonsOf } from '../content/catalog.ts';
import type { AttemptRow } from '../db/attempts.ts';
import { certificateIdOfAttempt } from '../db/certificates.ts';
import type { Db } from '../db/open.ts';
import type { ComponentResult } from '../../lib/contracts/attempt-breakdown.ts';
import { eligibilityFor, type AssessmentContent } from './attempts.ts';
import type { Eligibility } from './rules.ts';

export interface SkillOutcome {
  skill: string;
  name: string;
  score: number;
  /** The skill area's target (program.json), or the overall pass mark when the program has none. */
  target: number;
  met: boolean;
}

export interface ReviewedQuestion {
  id: string;
  skillName: string;
  /** 0..1 */
  mark: number;
  prompt: string;
  code?: string;
  /** In the bank's order, with the key and the candidate's choices. */
  options: { id: string; text: string; correct: boolean; chosen: boolean }[];
  explanation: string;
}

export interface AttemptResults {
  program: string;
  passed: boolean;
  score: number;
  overallPassMark: number;
  /** The level earned (passed attempts). */
  levelName: string | null;
  /** The certificate this attempt earned, if any. */
  certificateId: string | null;
  components: ComponentResult[];
  skills: SkillOutcome[];
  /** Skill areas under target, and the program's lessons that teach them. */
  study: { skills: string[]; lessons: { href: string; title: string }[] } | null;
  /** May the candidate retake (shown when not passed). */
  eligibility: Eligibility;
  questions: ReviewedQuestion[];
}

export async function attemptResults(db: Db, attempt: AttemptRow, content: AssessmentContent, now = Date.now()): Promise<AttemptResults> {
  const { breakdown } = attempt;
  if (!breakdown) throw new Error(`attempt ${attempt.id} is submitted but has no breakdown`);
  const { certification } = content;
  const program = await getProgram(attempt.program);
  const area = (id: string) => program?.skillAreas.find((s) => s.id === id);
  const skillName = (id: string) => area(id)?.name ?? id;
  const skills = breakdown.skills.map((s) => {
    const target = area(s.skill)?.target ?? certification.overallPassMark;
    return { skill: s.skill, name: skillName(s.skill), score: s.score, target, met: s.score >= target };
  });
  const missed = skills.filter((s) => !s.met).map((s) => s.skill);
  const lessons = missed.length === 0 ? [] : (await lessonsOf(attempt.program)).filter((l) => l.data.skills.some((s) => missed.includes(s)));
  const bank = new Map(content.bank.map((q) => [q.id, q]));
  return {
    program: attempt.program,
    passed: attempt.passed === true,
    score: attempt.score ?? 0,
    overallPassMark: certification.overallPassMark,
    levelName: certification.levels.find((l) => l.id === attempt.level)?.name ?? null,
    certificateId: certificateIdOfAttempt(db, attempt.id),
    components: breakdown.components,
    skills,
    study: missed.length === 0 ? null : { skills: missed.map(skillName), lessons: lessons.map((l) => ({ href: `/programs/${attempt.program}/${l.slug}`, title: l.data.title })) },
    eligibility: eligibilityFor(db, attempt.userId, content, now),
    questions: breakdown.questions.flatMap((entry) => {
      const q = bank.get(entry.id);
      if (!q) return [];
      const question: ReviewedQuestion = {
        id: q.id,
        skillName: skillName(q.skill),
        mark: entry.mark,
        prompt: q.prompt,
        options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct === true, chosen: entry.chosen.includes(o.id) })),
        explanation: q.explanation,
      };
      if (q.code !== undefined) question.code = q.code;
      return [question];
    }),
  };
}
