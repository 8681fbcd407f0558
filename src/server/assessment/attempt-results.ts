// What a candidate sees once their attempt is scored: components and skill areas against their
// marks, the lessons to study where they fell short, when they may retake, the certificate earned,
// and every question with their answer, the key and the explanation (keys are theirs to see now).
import { getProgram, lessonsOf } from '../content/catalog.ts';
import type { AttemptRow } from '../db/attempts.ts';
import { certificateIdOfAttempt, getCertificate } from '../db/certificates.ts';
import type { Db } from '../db/open.ts';
import type { ComponentResult } from '../../lib/contracts/attempt-breakdown.ts';
import { inProgramOrder } from '../../lib/skill-evidence.ts';
import { reviewQuestion, type ReviewedQuestion } from './question-review.ts';
import { certificateTitle, distinctionTitle } from '../../lib/ladder-names.ts';
import { certificateStatus } from '../../lib/contracts/certificate-status.ts';
import { linkedInForCertificate } from '../certificates/linkedin.ts';
import { eligibilityFor, examOf, type AssessmentContent } from './attempts.ts';
import { heldVariants } from './task-variant-labels.ts';
import type { Eligibility } from './rules.ts';

export interface SkillOutcome {
  skill: string;
  name: string;
  score: number;
  /** The skill area's target (program.json), or the overall pass mark when the program has none. */
  target: number;
  met: boolean;
}

export interface AttemptResults {
  program: string;
  passed: boolean;
  score: number;
  overallPassMark: number;
  /** The level the attempt was for, and whether it was to earn or renew it. */
  levelName: string;
  purpose: 'certify' | 'renew';
  /** The distinction mark the certificate carries ("with distinction"), if earned. */
  distinction: string | null;
  /** The certificate this attempt earned, if any. */
  certificateId: string | null;
  /** "Add to LinkedIn profile" for that certificate while it is active (needs the public origin). */
  linkedIn: string | null;
  components: ComponentResult[];
  /** The variant of each task the attempt held, by component id (tasks with variants only). */
  taskVariants: Record<string, string>;
  skills: SkillOutcome[];
  /** Skill areas under target, and the program's lessons that teach them. */
  study: { skills: string[]; lessons: { href: string; title: string }[] } | null;
  /** May the candidate retake (shown when not passed). */
  eligibility: Eligibility;
  questions: ReviewedQuestion[];
}

export async function attemptResults(db: Db, attempt: AttemptRow, content: AssessmentContent, now = Date.now(), origin?: string): Promise<AttemptResults> {
  const { breakdown } = attempt;
  if (!breakdown) throw new Error(`attempt ${attempt.id} is submitted but has no breakdown`);
  const { certification } = content;
  const { level, exam } = examOf(attempt, certification);
  const program = await getProgram(attempt.program);
  const area = (id: string) => program?.skillAreas.find((s) => s.id === id);
  const skillName = (id: string) => area(id)?.name ?? id;
  const skills = inProgramOrder(breakdown.skills, program).map((s) => {
    const target = area(s.skill)?.target ?? exam.overallPassMark;
    return { skill: s.skill, name: skillName(s.skill), score: s.score, target, met: s.score >= target };
  });
  const missed = skills.filter((s) => !s.met).map((s) => s.skill);
  const lessons = missed.length === 0 ? [] : (await lessonsOf(attempt.program)).filter((l) => l.data.skills.some((s) => missed.includes(s)));
  const bank = new Map(content.bank.map((q) => [q.id, q]));
  const certificateId = await certificateIdOfAttempt(db, attempt.id);
  const certificate = certificateId === null ? null : await getCertificate(db, certificateId);
  const distinguished = certificate?.distinction === true;
  const linkedIn =
    certificate && origin !== undefined && certificateStatus(certificate, now) === 'active'
      ? linkedInForCertificate(certificate, { program: program?.title ?? attempt.program, certificate: certificateTitle(certification, certificate) }, origin)
      : null;
  return {
    program: attempt.program,
    passed: attempt.passed === true,
    score: attempt.score ?? 0,
    overallPassMark: exam.overallPassMark,
    levelName: level.name,
    purpose: attempt.purpose,
    distinction: distinguished ? distinctionTitle(certification, level.id) : null,
    certificateId,
    linkedIn,
    components: breakdown.components,
    taskVariants: Object.fromEntries([...(await heldVariants(attempt.paper))].map(([component, held]) => [component, held.label])),
    skills,
    study: missed.length === 0 ? null : { skills: missed.map(skillName), lessons: lessons.map((l) => ({ href: `/programs/${attempt.program}/${l.slug}`, title: l.data.title })) },
    eligibility: await eligibilityFor(db, attempt.userId, content, { level: level.id, purpose: attempt.purpose }, now),
    questions: breakdown.questions.flatMap((entry) => {
      const q = bank.get(entry.id);
      return q ? [reviewQuestion(q, entry, skillName)] : [];
    }),
  };
}
