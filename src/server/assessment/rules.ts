// Certification attempt rules: may this learner start an attempt now (prerequisites, attempt
// limit, cool-down, an attempt still running, an active certificate at the top level), when does
// an attempt end, when does a certificate expire, and is a certification.json self-consistent.
// All times are epoch milliseconds (the database stores INTEGER ms).
import type { Certification } from '../../lib/schemas/certification.ts';
import { certificateStatus, isCertificateActive } from '../../lib/contracts/certificate-status.ts';

export type AttemptRules = Pick<Certification, 'prerequisites' | 'timeLimitMinutes' | 'attempts' | 'levels'>;

export interface AttemptRecord {
  startedAt: number;
  /** Null while open, and for an attempt that ran out of time without being submitted. */
  submittedAt: number | null;
  /** Null until scored. An attempt that is not `true` counts as failed for the cool-down. */
  passed: boolean | null;
}

export interface HeldCertificate {
  level: string;
  /** Null = never expires. */
  expiresAt: number | null;
  revoked: boolean;
}

export type IneligibleReason =
  | { code: 'prerequisites'; message: string; missing: string[] }
  | { code: 'attempt-in-progress'; message: string; until: number }
  | { code: 'attempt-limit'; message: string; used: number; max: number }
  | { code: 'cooldown'; message: string; until: number }
  | { code: 'already-certified'; message: string; level: string; until: number | null };

export interface Eligibility {
  eligible: boolean;
  reasons: IneligibleReason[];
  /** When every blocking reason is one that passes with time, the moment they all have passed. */
  nextAttemptAt?: number;
  /** Attempts counted against attempts.max in the current cycle, and what is left. */
  attemptsUsed: number;
  attemptsLeft: number;
}

export interface EligibilityInput {
  rules: AttemptRules;
  /** Exercise ids with a passing submission. */
  passedExercises: Iterable<string>;
  /** This learner's attempts at this certification. */
  attempts: readonly AttemptRecord[];
  /** This learner's certificates for this program. */
  certificates: readonly HeldCertificate[];
  now: number;
  /** How a person knows each prerequisite exercise (its title); the id when not given. */
  exerciseTitle?: (exerciseId: string) => string;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Server-side deadline of an attempt. */
export function attemptDeadline(startedAt: number, rules: Pick<Certification, 'timeLimitMinutes'>): number {
  return startedAt + rules.timeLimitMinutes * MINUTE;
}

/** An attempt accepts answers while unsubmitted and before its deadline (plus an optional grace for requests in flight). */
export function isAttemptOpen(attempt: AttemptRecord, rules: Pick<Certification, 'timeLimitMinutes'>, now: number, graceMs = 0): boolean {
  return attempt.submittedAt === null && now < attemptDeadline(attempt.startedAt, rules) + graceMs;
}

/** When an attempt ended: its submission, or its deadline if it ran out of time; null while open. */
export function attemptEndedAt(attempt: AttemptRecord, rules: Pick<Certification, 'timeLimitMinutes'>, now: number): number | null {
  if (attempt.submittedAt !== null) return attempt.submittedAt;
  const deadline = attemptDeadline(attempt.startedAt, rules);
  return now >= deadline ? deadline : null;
}

/**
 * Expiry of a certificate issued at `issuedAt`: the same UTC day-of-month and time
 * `validityMonths` later, clamped to the end of shorter months (31 Jan + 1 month = 28/29 Feb).
 */
export function certificateExpiresAt(issuedAt: number, validityMonths: number): number {
  const d = new Date(issuedAt);
  const targetMonth = d.getUTCMonth() + validityMonths;
  const year = d.getUTCFullYear() + Math.floor(targetMonth / 12);
  const month = targetMonth % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** Level ids of the learner's active certificates (what scoreAttempt needs for requiresLevel). */
export function activeLevels(certificates: readonly HeldCertificate[], now: number): string[] {
  return [...new Set(certificates.filter((c) => isCertificateActive(c, now)).map((c) => c.level))];
}

/**
 * May the learner start a new attempt now?
 * - prerequisites: every listed exercise has a passing submission;
 * - no attempt is still running (resume that one instead);
 * - fewer than attempts.max attempts in the current cycle. A cycle restarts when a certificate
 *   expires (recertification gets a fresh allowance); revocation does not restart it;
 * - after a failed (or timed-out) attempt, cooldownHours have passed since it ended;
 * - the learner does not already hold an active certificate at the highest level.
 */
export function checkEligibility(input: EligibilityInput): Eligibility {
  const { rules, now } = input;
  const reasons: IneligibleReason[] = [];

  const passed = new Set(input.passedExercises);
  const missing = rules.prerequisites.exercises.filter((id) => !passed.has(id));
  if (missing.length > 0) {
    const title = input.exerciseTitle ?? ((id: string) => id);
    reasons.push({ code: 'prerequisites', message: `Complete these exercises first: ${missing.map(title).join(', ')}.`, missing });
  }

  const cycleStart = input.certificates
    .filter((c) => certificateStatus(c, now) === 'expired')
    .reduce((latest, c) => Math.max(latest, c.expiresAt ?? 0), Number.NEGATIVE_INFINITY);
  const counted = input.attempts.filter((a) => a.startedAt >= cycleStart);

  const open = counted.find((a) => isAttemptOpen(a, rules, now));
  if (open) {
    const until = attemptDeadline(open.startedAt, rules);
    reasons.push({ code: 'attempt-in-progress', message: 'An attempt is already in progress; resume it.', until });
  }

  const used = counted.length;
  if (used >= rules.attempts.max) {
    reasons.push({ code: 'attempt-limit', message: `All ${rules.attempts.max} attempts have been used.`, used, max: rules.attempts.max });
  }

  let lastEnded: { at: number; passed: boolean } | null = null;
  for (const a of counted) {
    const at = attemptEndedAt(a, rules, now);
    if (at !== null && (lastEnded === null || at >= lastEnded.at)) lastEnded = { at, passed: a.passed === true };
  }
  if (lastEnded && !lastEnded.passed && rules.attempts.cooldownHours > 0) {
    const until = lastEnded.at + rules.attempts.cooldownHours * HOUR;
    if (now < until) {
      reasons.push({ code: 'cooldown', message: `After a failed attempt, wait ${rules.attempts.cooldownHours} hours.`, until });
    }
  }

  const top = rules.levels[rules.levels.length - 1];
  const topHeld = top ? input.certificates.filter((c) => c.level === top.id && isCertificateActive(c, now)) : [];
  if (top && topHeld.length > 0) {
    const until = topHeld.some((c) => c.expiresAt === null) ? null : Math.max(...topHeld.map((c) => c.expiresAt ?? 0));
    reasons.push({ code: 'already-certified', message: `You already hold "${top.name}".`, level: top.id, until });
  }

  const result: Eligibility = {
    eligible: reasons.length === 0,
    reasons,
    attemptsUsed: used,
    attemptsLeft: Math.max(0, rules.attempts.max - used),
  };
  // Only cool-down and an expiring certificate pass with time alone; an attempt in progress may
  // still pass or fail, and the other reasons need the learner to act.
  const timed = reasons.map((r) => (r.code === 'cooldown' ? r.until : r.code === 'already-certified' ? r.until : null));
  if (reasons.length > 0 && timed.every((t) => t !== null)) result.nextAttemptAt = Math.max(...(timed as number[]));
  return result;
}

/**
 * Consistency problems of a certification beyond its schema (empty when fine): ids, level
 * order, and rules that would make a pass impossible to certify. For content:check.
 */
export function certificationProblems(cert: Certification): string[] {
  const problems: string[] = [];
  const componentIds = new Set<string>();
  for (const c of cert.components) {
    if (componentIds.has(c.id)) problems.push(`component id "${c.id}" is used twice`);
    componentIds.add(c.id);
  }
  const levelIds: string[] = [];
  cert.levels.forEach((level, i) => {
    if (levelIds.includes(level.id)) problems.push(`level id "${level.id}" is used twice`);
    const previous = cert.levels[i - 1];
    if (previous && level.minOverallScore < previous.minOverallScore) {
      problems.push(`level "${level.id}" needs a lower score than "${previous.id}" before it; list levels lowest first`);
    }
    if (level.requiresLevel !== undefined && !levelIds.includes(level.requiresLevel)) {
      problems.push(`level "${level.id}" requires "${level.requiresLevel}", which is not a lower level`);
    }
    levelIds.push(level.id);
  });
  const first = cert.levels[0];
  if (first && first.requiresLevel !== undefined) problems.push(`the first level "${first.id}" cannot require another level`);
  if (first && first.minOverallScore > cert.overallPassMark) {
    problems.push(`the first level needs ${first.minOverallScore} but overallPassMark is ${cert.overallPassMark}: a pass could earn no level`);
  }
  return problems;
}
