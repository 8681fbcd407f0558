// Certification ladder rules, pure: may this learner take a level's assessment now, to earn it or
// to renew it (prerequisite exercises, a lower level held long enough unless a cohort waived the
// wait, the renewal window, attempt limit, cool-down, an attempt still running, the level already
// held); when an attempt ends; when a certificate expires; how long a level has been held; and is a
// certification.json self-consistent. All times are epoch milliseconds (the database stores INTEGER ms).
import { assessmentFor, examComponents, type Certification, type CertificationLevel, type Exam, type Purpose } from '../../lib/schemas/certification.ts';
import { certificateStatus, isCertificateActive } from '../../lib/contracts/certificate-status.ts';

export interface AttemptRecord {
  startedAt: number;
  /** Null while open, and for an attempt that ran out of time without being submitted. */
  submittedAt: number | null;
  /** Null until scored. An attempt that is not `true` counts as failed for the cool-down. */
  passed: boolean | null;
}

export interface HeldCertificate {
  level: string;
  issuedAt: number;
  /** Null = never expires. */
  expiresAt: number | null;
  revoked: boolean;
}

export type IneligibleReason =
  | { code: 'prerequisites'; message: string; missing: string[] }
  | { code: 'level-required'; message: string; level: string }
  | { code: 'holding-period'; message: string; level: string; until: number }
  | { code: 'not-held'; message: string; level: string }
  | { code: 'renewal-not-open'; message: string; until: number }
  | { code: 'no-renewal'; message: string }
  | { code: 'attempt-in-progress'; message: string; until: number }
  | { code: 'attempt-limit'; message: string; used: number; max: number }
  | { code: 'cooldown'; message: string; until: number }
  | { code: 'in-review'; message: string }
  | { code: 'already-certified'; message: string; level: string; until: number | null };

export interface Eligibility {
  eligible: boolean;
  reasons: IneligibleReason[];
  /** When every blocking reason is one that passes with time, the moment they all have passed. */
  nextAttemptAt?: number;
  /** Attempts counted against the exam's attempts.max in the current cycle, and what is left (0 and 0 for a case study). */
  attemptsUsed: number;
  attemptsLeft: number;
}

export interface EligibilityInput {
  certification: Pick<Certification, 'levels'>;
  level: string;
  purpose: Purpose;
  /** Exercise ids with a passing submission. */
  passedExercises: Iterable<string>;
  /** This learner's exam attempts at this level for this purpose. */
  attempts: readonly AttemptRecord[];
  /** This learner's case studies at this level for this purpose that await review. */
  caseStudiesInReview?: number;
  /** This learner's certificates for this program, every level. */
  certificates: readonly HeldCertificate[];
  /** Levels whose holding period a cohort of this learner has waived. */
  waivedLevels?: Iterable<string>;
  now: number;
  /** How a person knows each prerequisite exercise (its title); the id when not given. */
  exerciseTitle?: (exerciseId: string) => string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

/** Server-side deadline of an attempt. */
export function attemptDeadline(startedAt: number, rules: Pick<Exam, 'timeLimitMinutes'>): number {
  return startedAt + rules.timeLimitMinutes * MINUTE;
}

/** An attempt accepts answers while unsubmitted and before its deadline (plus an optional grace for requests in flight). */
export function isAttemptOpen(attempt: AttemptRecord, rules: Pick<Exam, 'timeLimitMinutes'>, now: number, graceMs = 0): boolean {
  return attempt.submittedAt === null && now < attemptDeadline(attempt.startedAt, rules) + graceMs;
}

/** When an attempt ended: its submission, or its deadline if it ran out of time; null while open. */
export function attemptEndedAt(attempt: AttemptRecord, rules: Pick<Exam, 'timeLimitMinutes'>, now: number): number | null {
  if (attempt.submittedAt !== null) return attempt.submittedAt;
  const deadline = attemptDeadline(attempt.startedAt, rules);
  return now >= deadline ? deadline : null;
}

/**
 * `months` calendar months after `at`: the same UTC day-of-month and time, clamped to the end of
 * shorter months (31 Jan + 1 month = 28/29 Feb).
 */
export function addMonths(at: number, months: number): number {
  const d = new Date(at);
  const targetMonth = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** Expiry of a certificate valid from `from` (its issue, or for a renewal the expiry it extends) for `validityMonths`. */
export function certificateExpiresAt(from: number, validityMonths: number): number {
  return addMonths(from, validityMonths);
}

/** Level ids of the learner's active certificates. */
export function activeLevels(certificates: readonly HeldCertificate[], now: number): string[] {
  return [...new Set(certificates.filter((c) => isCertificateActive(c, now)).map((c) => c.level))];
}

/** Where a learner stands at one level. */
export interface LevelStanding {
  /** Holds an active (not revoked, not expired) certificate at the level. */
  held: boolean;
  /**
   * Since when the level has been held without a break: renewals that overlap the certificate they
   * renew keep the holding going. Null when not held.
   */
  heldSince: number | null;
  /** The latest expiry of the level's active certificates (null: not held, or never expires). */
  expiresAt: number | null;
  /** When the renewal opens for the current holding (null: not held, no expiry, or no renewal). */
  renewalOpensAt: number | null;
  /** Held and expiring within the reminder period: the holder is reminded to renew. */
  renewalDue: boolean;
  /** Held before, but no longer (expired; revoked ones do not count as held before). */
  lapsed: boolean;
}

export function levelStanding(
  certification: Pick<Certification, 'levels' | 'renewalReminderDays'>,
  levelId: string,
  certificates: readonly HeldCertificate[],
  now: number,
): LevelStanding {
  const level = certification.levels.find((l) => l.id === levelId);
  const mine = certificates.filter((c) => c.level === levelId && !c.revoked).sort((a, b) => a.issuedAt - b.issuedAt);
  // Walk the unrevoked certificates in issue order, merging those whose validity overlaps.
  let since: number | null = null;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const c of mine) {
    if (c.issuedAt > now) continue;
    if (since === null || c.issuedAt > coveredUntil) since = c.issuedAt;
    coveredUntil = Math.max(coveredUntil, c.expiresAt ?? Number.POSITIVE_INFINITY);
  }
  const held = since !== null && coveredUntil > now;
  const expiresAt = held && Number.isFinite(coveredUntil) ? coveredUntil : null;
  const opensDays = level?.recertification?.opensDaysBeforeExpiry;
  const renewalOpensAt = expiresAt !== null && opensDays !== undefined ? expiresAt - opensDays * DAY : null;
  return {
    held,
    heldSince: held ? since : null,
    expiresAt,
    renewalOpensAt,
    renewalDue: expiresAt !== null && expiresAt - now <= certification.renewalReminderDays * DAY,
    lapsed: !held && mine.some((c) => certificateStatus(c, now) === 'expired'),
  };
}

function examLimits(
  exam: Exam,
  attempts: readonly AttemptRecord[],
  cycleStart: number,
  now: number,
  reasons: IneligibleReason[],
): { used: number } {
  const counted = attempts.filter((a) => a.startedAt >= cycleStart);
  const open = counted.find((a) => isAttemptOpen(a, exam, now));
  if (open) {
    reasons.push({ code: 'attempt-in-progress', message: 'An attempt is already in progress; resume it.', until: attemptDeadline(open.startedAt, exam) });
  }
  const used = counted.length;
  if (used >= exam.attempts.max) {
    reasons.push({ code: 'attempt-limit', message: `All ${exam.attempts.max} attempts have been used.`, used, max: exam.attempts.max });
  }
  let lastEnded: { at: number; passed: boolean } | null = null;
  for (const a of counted) {
    const at = attemptEndedAt(a, exam, now);
    if (at !== null && (lastEnded === null || at >= lastEnded.at)) lastEnded = { at, passed: a.passed === true };
  }
  if (lastEnded && !lastEnded.passed && exam.attempts.cooldownHours > 0) {
    const until = lastEnded.at + exam.attempts.cooldownHours * HOUR;
    if (now < until) reasons.push({ code: 'cooldown', message: `After a failed attempt, wait ${exam.attempts.cooldownHours} hours.`, until });
  }
  return { used };
}

/** A day as learners read it everywhere else ("15 May 2027"), in UTC. */
const formatDay = (at: number): string => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * May the learner take this level's assessment now?
 * To earn the level (purpose "certify"):
 * - every prerequisite exercise has a passing submission;
 * - the prerequisite level is held (active), since at least heldForMonths ago unless a cohort of the
 *   learner waived the wait (waivable levels only);
 * - the level is not already held (a holder renews instead).
 * To renew it (purpose "renew"): the level has a recertification, is held, and its renewal window
 * (opensDaysBeforeExpiry before the expiry) is open.
 * For an exam, both: no attempt is still running; fewer than attempts.max attempts in the current
 * cycle (earning: since the last certificate at the level expired, as revocation does not restart
 * it; renewing: since the window opened); after a failed or timed-out attempt, cooldownHours passed.
 * For a case study: none is waiting for review.
 */
export function checkEligibility(input: EligibilityInput): Eligibility {
  const { now } = input;
  const reasons: IneligibleReason[] = [];
  const level = input.certification.levels.find((l) => l.id === input.level);
  if (!level) throw new RangeError(`no level "${input.level}" in the certification`);
  const nameOf = (id: string) => input.certification.levels.find((l) => l.id === id)?.name ?? id;
  const standing = levelStanding({ levels: input.certification.levels, renewalReminderDays: 0 }, level.id, input.certificates, now);
  const assessment = assessmentFor(level, input.purpose);
  let cycleStart = Number.NEGATIVE_INFINITY;

  if (input.purpose === 'certify') {
    const passed = new Set(input.passedExercises);
    const missing = level.prerequisites.exercises.filter((id) => !passed.has(id));
    if (missing.length > 0) {
      const title = input.exerciseTitle ?? ((id: string) => id);
      reasons.push({ code: 'prerequisites', message: `Complete these exercises first: ${missing.map(title).join(', ')}.`, missing });
    }
    const required = level.prerequisites.level;
    if (required) {
      const below = levelStanding({ levels: input.certification.levels, renewalReminderDays: 0 }, required.id, input.certificates, now);
      const waived = required.waivable && new Set(input.waivedLevels ?? []).has(level.id);
      if (!below.held || below.heldSince === null) {
        reasons.push({ code: 'level-required', message: `Hold an active “${nameOf(required.id)}” certificate first.`, level: required.id });
      } else if (!waived && required.heldForMonths > 0) {
        const until = addMonths(below.heldSince, required.heldForMonths);
        if (now < until) {
          reasons.push({
            code: 'holding-period',
            message: `Hold “${nameOf(required.id)}” for ${required.heldForMonths} months first (until ${formatDay(until)}).`,
            level: required.id,
            until,
          });
        }
      }
    }
    if (standing.held) {
      reasons.push({ code: 'already-certified', message: `You already hold "${level.name}".`, level: level.id, until: standing.expiresAt });
    }
    cycleStart = input.certificates
      .filter((c) => c.level === level.id && certificateStatus(c, now) === 'expired')
      .reduce((latest, c) => Math.max(latest, c.expiresAt ?? 0), Number.NEGATIVE_INFINITY);
  } else if (!assessment) {
    reasons.push({ code: 'no-renewal', message: `"${level.name}" has no renewal: earn it again once it has expired.` });
  } else if (!standing.held) {
    reasons.push({ code: 'not-held', message: `Renewing is for holders of an active "${level.name}" certificate; take the full assessment instead.`, level: level.id });
  } else if (standing.renewalOpensAt !== null) {
    cycleStart = standing.renewalOpensAt;
    if (now < standing.renewalOpensAt) {
      reasons.push({ code: 'renewal-not-open', message: `Renewal opens on ${formatDay(standing.renewalOpensAt)}, ${level.recertification?.opensDaysBeforeExpiry} days before your certificate expires.`, until: standing.renewalOpensAt });
    }
  } else {
    reasons.push({ code: 'no-renewal', message: `Your "${level.name}" certificate does not expire: there is nothing to renew.` });
  }

  let used = 0;
  let max = 0;
  if (assessment?.type === 'exam') {
    used = examLimits(assessment, input.attempts, cycleStart, now, reasons).used;
    max = assessment.attempts.max;
  } else if (assessment?.type === 'case-study' && (input.caseStudiesInReview ?? 0) > 0) {
    reasons.push({ code: 'in-review', message: 'Your case study is waiting for an instructor’s review.' });
  }

  const result: Eligibility = { eligible: reasons.length === 0, reasons, attemptsUsed: used, attemptsLeft: Math.max(0, max - used) };
  // Only a wait (cool-down, holding period, renewal window, an expiring certificate) passes with
  // time alone; an attempt in progress may still pass or fail, and the other reasons need the
  // learner to act.
  const timed = reasons.map((r) =>
    r.code === 'cooldown' || r.code === 'holding-period' || r.code === 'renewal-not-open' ? r.until : r.code === 'already-certified' ? r.until : null,
  );
  if (reasons.length > 0 && timed.every((t) => t !== null)) result.nextAttemptAt = Math.max(...(timed as number[]));
  return result;
}

function examProblems(cert: Certification, exam: Exam, where: string): string[] {
  const problems: string[] = [];
  const known = new Set(cert.components.map((c) => c.id));
  exam.components.forEach((id, i) => {
    if (!known.has(id)) problems.push(`${where}.components[${i}]: no component "${id}" in "components"`);
  });
  if (new Set(exam.components).size !== exam.components.length) problems.push(`${where}.components lists a component twice`);
  const components = examComponents(cert, exam);
  const exercises = components.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
  if (new Set(exercises).size !== exercises.length) problems.push(`${where}.components: two tasks on one paper use the same exercise`);
  if (exam.minComponentsPassed !== undefined && exam.minComponentsPassed > exam.components.length) {
    problems.push(`${where}.minComponentsPassed is ${exam.minComponentsPassed} but the exam has ${exam.components.length} components`);
  }
  if (exam.distinction && exam.distinction.minOverallScore < exam.overallPassMark) {
    problems.push(`${where}.distinction.minOverallScore is below overallPassMark: every pass would be one with distinction`);
  }
  return problems;
}

/**
 * Consistency problems of a certification beyond its schema (empty when fine): level ids and order,
 * prerequisites, the exams' components and pass rules, rubrics that cannot be passed. For
 * content:check, which reports duplicate component ids and unknown exercises itself.
 */
export function certificationProblems(cert: Certification): string[] {
  const problems: string[] = [];
  const levelIds: string[] = [];
  cert.levels.forEach((level: CertificationLevel, i) => {
    const where = `levels[${i}]`;
    if (levelIds.includes(level.id)) problems.push(`level id "${level.id}" is used twice`);
    const required = level.prerequisites.level;
    if (required && !levelIds.includes(required.id)) problems.push(`${where}.prerequisites.level "${required.id}" is not a lower level listed before "${level.id}"`);
    for (const [purpose, assessment, path] of [
      ['certify', level.assessment, `${where}.assessment`],
      ['renew', level.recertification?.assessment, `${where}.recertification.assessment`],
    ] as const) {
      if (!assessment) continue;
      if (assessment.type === 'exam') problems.push(...examProblems(cert, assessment, path));
      else {
        const top = Math.max(...assessment.rubric.scale.map((s) => s.points));
        const points = assessment.rubric.scale.map((s) => s.points);
        if (new Set(points).size !== points.length) problems.push(`${path}.rubric.scale gives the same points twice`);
        const criteria = assessment.rubric.criteria.map((c) => c.id);
        if (new Set(criteria).size !== criteria.length) problems.push(`${path}.rubric.criteria: an id is used twice`);
        for (const [j, c] of assessment.rubric.criteria.entries()) {
          if (c.minPoints > top) problems.push(`${path}.rubric.criteria[${j}].minPoints is ${c.minPoints}, more than the scale's top ${top}: no case study could pass`);
        }
        if (assessment.files.maxFileBytes > assessment.files.maxTotalBytes) problems.push(`${path}.files.maxFileBytes is more than maxTotalBytes`);
        for (const [j, group] of assessment.files.required.entries()) {
          for (const ext of group.extensions) {
            if (!assessment.files.extensions.includes(ext)) problems.push(`${path}.files.required[${j}] names ".${ext}", which files.extensions does not accept`);
          }
        }
      }
      if (purpose === 'renew' && level.recertification && level.recertification.opensDaysBeforeExpiry >= level.validityMonths * 31) {
        problems.push(`${where}.recertification.opensDaysBeforeExpiry is longer than the level's validity`);
      }
    }
    levelIds.push(level.id);
  });
  const first = cert.levels[0];
  if (first && first.prerequisites.level !== undefined) problems.push(`the first level "${first.id}" cannot require another level`);
  return problems;
}
