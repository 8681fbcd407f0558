// A learner's place on a program's certification ladder, as /me and the certification page show it:
// per level what they hold (with its expiry and a renewal reminder from renewalReminderDays before),
// whether they may earn or renew it now, and what is still missing, named as people read it
// (exercise titles, level names, dates); and the one next step to take.
import type { Db } from '../db/open.ts';
import { certificatesOf, type CertificateRecord } from '../db/certificates.ts';
import { currentCaseStudy, type CaseStudyRecord } from '../db/case-studies.ts';
import { certificateStatus } from '../../lib/contracts/certificate-status.ts';
import { certificateTitle } from '../../lib/ladder-names.ts';
import type { CertificationLevel, Purpose } from '../../lib/schemas/certification.ts';
import { attemptsAt, eligibilityFor, heldCertificates, type AssessmentContent } from './attempts.ts';
import { levelStanding, type Eligibility, type IneligibleReason, type LevelStanding } from './rules.ts';
import type { AttemptRow } from '../db/attempts.ts';

export interface LadderStep {
  level: CertificationLevel;
  standing: LevelStanding;
  /** The newest active certificate at this level, with the title it shows. */
  certificate: (CertificateRecord & { title: string }) | null;
  /** May the learner earn the level now (and why not). */
  earn: Eligibility;
  /** May the learner renew it now (null: the level has no renewal or is not held). */
  renew: Eligibility | null;
  /** What stands between the learner and earning the level, as they read it (empty when held or eligible). */
  missing: string[];
  /** An exam attempt at this level still running, for each purpose. */
  openAttempt: AttemptRow | null;
  /** The case study in progress at this level (draft, returned, in review), when the level is earned or renewed by one. */
  caseStudy: CaseStudyRecord | null;
}

export type NextStep =
  | { kind: 'renew'; level: CertificationLevel; by: number; text: string }
  | { kind: 'earn'; level: CertificationLevel; text: string }
  | { kind: 'wait'; level: CertificationLevel; text: string; missing: string[] }
  | { kind: 'done'; text: string };

export interface Ladder {
  program: string;
  title: string;
  steps: LadderStep[];
  next: NextStep;
  /** Levels held and expiring within the reminder period. */
  reminders: { level: CertificationLevel; expiresAt: number; renewable: boolean }[];
}

const day = (at: number): string => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** One reason as the learner reads it, split per missing exercise (titles, not ids). */
function describe(reason: IneligibleReason, exerciseTitle: (id: string) => string): string[] {
  switch (reason.code) {
    case 'prerequisites':
      return reason.missing.map((id) => `Pass the exercise “${exerciseTitle(id)}”`);
    case 'cooldown':
      return [`Wait for the cool-down after a failed attempt (until ${day(reason.until)})`];
    default:
      return [reason.message];
  }
}

async function currentOf(db: Db, userId: string, content: AssessmentContent, level: CertificationLevel, purpose: Purpose): Promise<CaseStudyRecord | null> {
  const assessment = purpose === 'certify' ? level.assessment : level.recertification?.assessment;
  return assessment?.type === 'case-study' ? await currentCaseStudy(db, userId, content.certification.program, { level: level.id, purpose }) : null;
}

export async function ladderFor(db: Db, userId: string, content: AssessmentContent, now: number): Promise<Ladder> {
  const { certification } = content;
  const held = await heldCertificates(db, userId, certification.program);
  const records = await certificatesOf(db, userId, certification.program);
  const exerciseTitle = (id: string) => content.exerciseTitles?.get(id) ?? id;
  const steps: LadderStep[] = [];
  for (const level of certification.levels) {
    const standing = levelStanding(certification, level.id, held, now);
    const active = records.filter((c) => c.level === level.id && certificateStatus(c, now) === 'active').sort((a, b) => (b.expiresAt ?? Infinity) - (a.expiresAt ?? Infinity))[0];
    const earn = await eligibilityFor(db, userId, content, { level: level.id, purpose: 'certify' }, now);
    const renew = level.recertification && standing.held ? await eligibilityFor(db, userId, content, { level: level.id, purpose: 'renew' }, now) : null;
    const purpose: Purpose = standing.held ? 'renew' : 'certify';
    const open = (await attemptsAt(db, userId, certification, { level: level.id, purpose })).find((a) => a.status === 'open' && now < a.expiresAt) ?? null;
    steps.push({
      level,
      standing,
      certificate: active ? { ...active, title: certificateTitle(certification, active) } : null,
      earn,
      renew,
      missing: standing.held || earn.eligible ? [] : earn.reasons.filter((r) => r.code !== 'already-certified').flatMap((r) => describe(r, exerciseTitle)),
      openAttempt: open,
      caseStudy: await currentOf(db, userId, content, level, purpose),
    });
  }

  const reminders = steps
    .filter((s) => s.standing.renewalDue && s.standing.expiresAt !== null)
    .map((s) => ({ level: s.level, expiresAt: s.standing.expiresAt as number, renewable: s.renew?.eligible === true }));
  return { program: certification.program, title: certification.title, steps, next: nextStep(steps, now), reminders };
}

function nextStep(steps: readonly LadderStep[], now: number): NextStep {
  const due = steps.find((s) => s.standing.renewalDue && s.standing.expiresAt !== null && s.level.recertification);
  if (due && due.standing.expiresAt !== null) {
    return { kind: 'renew', level: due.level, by: due.standing.expiresAt, text: `Renew “${due.level.name}” before ${day(due.standing.expiresAt)}.` };
  }
  const target = steps.find((s) => !s.standing.held);
  if (!target) return { kind: 'done', text: 'You hold every level of this certification.' };
  const how = target.level.assessment.type === 'exam' ? 'take its exam' : 'submit its case study';
  if (target.earn.eligible || target.openAttempt || target.caseStudy) {
    return { kind: 'earn', level: target.level, text: target.caseStudy?.status === 'submitted' ? `Your “${target.level.name}” case study is with an instructor for review.` : `Earn “${target.level.name}”: ${how}.` };
  }
  const wait = target.earn.nextAttemptAt;
  return {
    kind: 'wait',
    level: target.level,
    text: wait !== undefined && wait > now ? `“${target.level.name}” opens to you on ${day(wait)}.` : `Still to do for “${target.level.name}”:`,
    missing: target.missing,
  };
}
