// The ladder's rules on the real clean-timestamp certification.json: who may earn or renew which
// level when (prerequisites, a lower level held long enough or waived, attempt limits and cool-downs
// per exam, renewal windows, case studies in review), how long certificates last and how a holding
// survives renewal, and what content:check reports about a broken ladder.
import { describe, expect, it } from 'vitest';
import {
  activeLevels,
  addMonths,
  attemptDeadline,
  attemptEndedAt,
  certificateExpiresAt,
  certificationProblems,
  checkEligibility,
  isAttemptOpen,
  levelStanding,
  type AttemptRecord,
  type EligibilityInput,
  type HeldCertificate,
} from '../../../src/server/assessment/rules.ts';
import type { Certification, Exam } from '../../../src/lib/schemas/certification.ts';
import { loadCertification } from './helpers.ts';

const cert = loadCertification();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.parse('2026-03-10T12:00:00Z');

const level = (id: string) => {
  const found = cert.levels.find((l) => l.id === id);
  if (!found) throw new Error(`the certification has no level "${id}"`);
  return found;
};
const exam = (id: string, purpose: 'certify' | 'renew' = 'certify'): Exam => {
  const assessment = purpose === 'certify' ? level(id).assessment : level(id).recertification?.assessment;
  if (assessment?.type !== 'exam') throw new Error(`"${id}" is not earned by an exam`);
  return assessment;
};
const associate = exam('associate');
const professional = exam('professional');
const allExercises = cert.levels.flatMap((l) => l.prerequisites.exercises);

function check(overrides: Partial<EligibilityInput> = {}) {
  return checkEligibility({ certification: cert, level: 'associate', purpose: 'certify', passedExercises: allExercises, attempts: [], certificates: [], now, ...overrides });
}
const failed = (startedAt: number, submittedAt: number | null = startedAt + HOUR): AttemptRecord => ({ startedAt, submittedAt, passed: false });
const codes = (result: ReturnType<typeof check>) => result.reasons.map((r) => r.code);
const held = (levelId: string, issuedAt: number, validityMonths = level(levelId).validityMonths, revoked = false): HeldCertificate => ({
  level: levelId,
  issuedAt,
  expiresAt: certificateExpiresAt(issuedAt, validityMonths),
  revoked,
});

describe('the ladder in content', () => {
  it('has three levels, lowest first, valid one, two and three years, each with its renewal and practice exam', () => {
    expect(cert.levels.map((l) => [l.id, l.validityMonths, l.assessment.type, l.recertification?.assessment.type, l.practice !== undefined])).toEqual([
      ['associate', 12, 'exam', 'exam', true],
      ['professional', 24, 'exam', 'exam', true],
      ['expert', 36, 'case-study', 'case-study', true],
    ]);
    expect(level('professional').prerequisites).toEqual({
      exercises: ['s3-multi-tenant', 's3-distributed-touch', 's3-high-throughput'],
      level: { id: 'associate', heldForMonths: 6, waivable: true },
    });
    expect(level('expert').prerequisites.level?.id).toBe('professional');
    // A renewal is shorter than the exam it renews.
    for (const id of ['associate', 'professional']) {
      expect(exam(id, 'renew').timeLimitMinutes).toBeLessThan(exam(id).timeLimitMinutes);
      expect(exam(id, 'renew').components.length).toBeLessThan(exam(id).components.length);
    }
  });
});

describe('earning the Associate level', () => {
  it('lets a learner who completed the prerequisites start a first attempt', () => {
    const result = check();
    expect(result).toMatchObject({ eligible: true, reasons: [], attemptsUsed: 0, attemptsLeft: associate.attempts.max });
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('lists the missing prerequisite exercises, by title when it is given', () => {
    const passed = allExercises.filter((id) => id !== 's2-event-leak' && id !== 's1-project-entity');
    const result = check({ passedExercises: passed, exerciseTitle: (id) => `Title of ${id}` });
    expect(result.eligible).toBe(false);
    expect(result.reasons[0]).toMatchObject({ code: 'prerequisites', missing: ['s1-project-entity', 's2-event-leak'] });
    expect(result.reasons[0]?.message).toBe('Complete these exercises first: Title of s1-project-entity, Title of s2-event-leak.');
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('blocks a new attempt while one is running', () => {
    const startedAt = now - 30 * 60_000;
    const result = check({ attempts: [{ startedAt, submittedAt: null, passed: null }] });
    expect(codes(result)).toEqual(['attempt-in-progress']);
    expect(result.reasons[0]).toMatchObject({ until: startedAt + associate.timeLimitMinutes * 60_000 });
  });

  it('enforces the cool-down after a failed attempt, up to and not including its end', () => {
    const submittedAt = now - 2 * HOUR;
    const result = check({ attempts: [failed(submittedAt - HOUR, submittedAt)] });
    expect(codes(result)).toEqual(['cooldown']);
    expect(result.nextAttemptAt).toBe(submittedAt + associate.attempts.cooldownHours * HOUR);
    expect(check({ attempts: [failed(submittedAt - HOUR, submittedAt)], now: submittedAt + 24 * HOUR - 1 }).eligible).toBe(false);
    expect(check({ attempts: [failed(submittedAt - HOUR, submittedAt)], now: submittedAt + 24 * HOUR }).eligible).toBe(true);
  });

  it('treats an attempt that ran out of time unsubmitted as failed at its deadline', () => {
    const startedAt = now - 3 * HOUR;
    const result = check({ attempts: [{ startedAt, submittedAt: null, passed: null }] });
    expect(codes(result)).toEqual(['cooldown']);
    expect(result.nextAttemptAt).toBe(startedAt + 90 * 60_000 + 24 * HOUR);
  });

  it('refuses a holder until the certificate expires (renewing is the way to keep it)', () => {
    const issuedAt = now - 30 * DAY;
    const result = check({ attempts: [{ startedAt: issuedAt - HOUR, submittedAt: issuedAt, passed: true }], certificates: [held('associate', issuedAt)] });
    expect(codes(result)).toEqual(['already-certified']);
    expect(result.nextAttemptAt).toBe(certificateExpiresAt(issuedAt, 12));
  });

  it('does not count a revoked certificate as held', () => {
    expect(check({ certificates: [held('associate', now - DAY, 12, true)] }).eligible).toBe(true);
  });

  it('stops at the attempt limit with no time at which it lifts', () => {
    const long = now - 30 * DAY;
    const result = check({ attempts: [failed(long), failed(long + 2 * DAY), failed(long + 4 * DAY)] });
    expect(codes(result)).toEqual(['attempt-limit']);
    expect(result).toMatchObject({ attemptsUsed: 3, attemptsLeft: 0 });
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('starts a fresh attempt allowance when a certificate has expired, but not when one was revoked', () => {
    const old = Date.parse('2023-01-01T00:00:00Z');
    const passedAt = old + 4 * DAY + HOUR;
    const attempts = [failed(old), failed(old + 2 * DAY), { startedAt: old + 4 * DAY, submittedAt: passedAt, passed: true }];
    expect(check({ attempts, certificates: [held('associate', passedAt)] })).toMatchObject({ eligible: true, attemptsUsed: 0, attemptsLeft: 3 });
    expect(codes(check({ attempts, certificates: [held('associate', passedAt, 12, true)] }))).toEqual(['attempt-limit']);
  });
});

describe('earning the Professional level', () => {
  const pro = (overrides: Partial<EligibilityInput> = {}) => check({ level: 'professional', ...overrides });

  it('needs an active Associate certificate, and the session 3 exercises', () => {
    const result = pro({ passedExercises: allExercises.filter((id) => !id.startsWith('s3-')) });
    expect(codes(result)).toEqual(['prerequisites', 'level-required']);
    expect(result.reasons[0]).toMatchObject({ missing: ['s3-multi-tenant', 's3-distributed-touch', 's3-high-throughput'] });
    expect(result.reasons[1]?.message).toBe('Hold an active “Certified Clean Timestamp Associate” certificate first.');
    expect(codes(pro({ certificates: [held('associate', now - 13 * 30 * DAY)] }))).toEqual(['level-required']); // expired
    expect(codes(pro({ certificates: [held('associate', now - 200 * DAY, 12, true)] }))).toEqual(['level-required']); // revoked
  });

  it('waits until the Associate level has been held for six months, to the day', () => {
    const issuedAt = now - 30 * DAY;
    const result = pro({ certificates: [held('associate', issuedAt)] });
    expect(codes(result)).toEqual(['holding-period']);
    const until = addMonths(issuedAt, 6);
    expect(result.reasons[0]).toMatchObject({ level: 'associate', until });
    expect(result.reasons[0]?.message).toContain(new Date(until).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
    expect(result.nextAttemptAt).toBe(until);
    expect(pro({ certificates: [held('associate', issuedAt)], now: until - 1 }).eligible).toBe(false);
    expect(pro({ certificates: [held('associate', issuedAt)], now: until })).toMatchObject({ eligible: true, attemptsLeft: professional.attempts.max });
  });

  it('lets a cohort waiver lift the wait, but not the need to hold Associate', () => {
    const fresh = [held('associate', now - DAY)];
    expect(pro({ certificates: fresh, waivedLevels: ['professional'] }).eligible).toBe(true);
    expect(codes(pro({ certificates: fresh, waivedLevels: ['expert'] }))).toEqual(['holding-period']);
    expect(codes(pro({ waivedLevels: ['professional'] }))).toEqual(['level-required']);
  });

  it('never waives a wait the content does not allow to be waived', () => {
    const strict: Certification = {
      ...cert,
      levels: cert.levels.map((l) => (l.id === 'professional' ? { ...l, prerequisites: { ...l.prerequisites, level: { id: 'associate', heldForMonths: 6, waivable: false } } } : l)),
    };
    expect(codes(pro({ certification: strict, certificates: [held('associate', now - DAY)], waivedLevels: ['professional'] }))).toEqual(['holding-period']);
  });

  it('counts the holding from the first certificate when a renewal kept the level without a break', () => {
    const first = now - 14 * 30 * DAY; // expired two months ago …
    const renewal: HeldCertificate = { level: 'associate', issuedAt: certificateExpiresAt(first, 12) - 20 * DAY, expiresAt: certificateExpiresAt(certificateExpiresAt(first, 12), 12), revoked: false };
    const standing = levelStanding(cert, 'associate', [held('associate', first), renewal], now);
    expect(standing).toMatchObject({ held: true, heldSince: first, expiresAt: renewal.expiresAt });
    expect(pro({ certificates: [held('associate', first), renewal] }).eligible).toBe(true);
    // … but a gap restarts it: earned again after a lapse, the wait starts again.
    const again = held('associate', now - 10 * DAY);
    expect(levelStanding(cert, 'associate', [held('associate', first), again], now).heldSince).toBe(again.issuedAt);
    expect(codes(pro({ certificates: [held('associate', first), again] }))).toEqual(['holding-period']);
  });

  it('has its own attempt limit and cool-down, apart from the Associate exam', () => {
    const certificates = [held('associate', now - 200 * DAY)];
    const result = pro({ certificates, attempts: [failed(now - 2 * DAY)] });
    expect(codes(result)).toEqual(['cooldown']);
    expect(result.nextAttemptAt).toBe(now - 2 * DAY + HOUR + professional.attempts.cooldownHours * HOUR);
    expect(result).toMatchObject({ attemptsUsed: 1, attemptsLeft: professional.attempts.max - 1 });
  });
});

describe('earning the Expert level', () => {
  it('needs Professional held, and waits while a case study is in review', () => {
    expect(codes(check({ level: 'expert' }))).toEqual(['level-required']);
    const certificates = [held('associate', now - 200 * DAY), held('professional', now - 10 * DAY)];
    expect(check({ level: 'expert', certificates })).toMatchObject({ eligible: true, attemptsUsed: 0, attemptsLeft: 0 });
    const inReview = check({ level: 'expert', certificates, caseStudiesInReview: 1 });
    expect(codes(inReview)).toEqual(['in-review']);
    expect(inReview.nextAttemptAt).toBeUndefined();
  });
});

describe('renewing a level', () => {
  const renew = (overrides: Partial<EligibilityInput> = {}) => check({ purpose: 'renew', ...overrides });
  const issuedAt = now - 11 * 30 * DAY;
  const expiresAt = certificateExpiresAt(issuedAt, 12);
  const opensAt = expiresAt - 60 * DAY;

  it('is for holders only, and opens opensDaysBeforeExpiry days before the expiry', () => {
    expect(codes(renew())).toEqual(['not-held']);
    expect(codes(renew({ certificates: [held('associate', now - 13 * 30 * DAY)] }))).toEqual(['not-held']);
    const early = renew({ certificates: [held('associate', issuedAt)], now: opensAt - 1 });
    expect(codes(early)).toEqual(['renewal-not-open']);
    expect(early.nextAttemptAt).toBe(opensAt);
    expect(renew({ certificates: [held('associate', issuedAt)], now: opensAt })).toMatchObject({ eligible: true, attemptsLeft: exam('associate', 'renew').attempts.max });
  });

  it('needs none of the exercises or lower levels of earning it', () => {
    const result = renew({ level: 'professional', certificates: [held('professional', now - 23 * 30 * DAY)], passedExercises: [] });
    expect(result.eligible).toBe(true);
  });

  it('counts renewal attempts from the window opening, with their own limit and cool-down', () => {
    const certificates = [held('associate', issuedAt)];
    const inWindow = opensAt + DAY;
    const before = failed(opensAt - 30 * DAY); // an older attempt does not count
    const result = renew({ certificates, attempts: [before, failed(inWindow)], now: inWindow + 2 * HOUR });
    expect(codes(result)).toEqual(['cooldown']);
    expect(result).toMatchObject({ attemptsUsed: 1, attemptsLeft: 1 });
    expect(codes(renew({ certificates, attempts: [failed(inWindow), failed(inWindow + 2 * DAY)], now: inWindow + 5 * DAY }))).toEqual(['attempt-limit']);
  });

  it('closes once renewed: the renewed certificate runs on from the old expiry', () => {
    const renewed: HeldCertificate = { level: 'associate', issuedAt: opensAt + DAY, expiresAt: certificateExpiresAt(expiresAt, 12), revoked: false };
    const result = renew({ certificates: [held('associate', issuedAt), renewed], now: opensAt + 2 * DAY });
    expect(codes(result)).toEqual(['renewal-not-open']);
    expect(result.nextAttemptAt).toBe(certificateExpiresAt(expiresAt, 12) - 60 * DAY);
  });

  it('is refused for a level without a renewal', () => {
    const noRenewal: Certification = { ...cert, levels: cert.levels.map(({ recertification: _dropped, ...l }) => l) };
    expect(codes(renew({ certification: noRenewal, certificates: [held('associate', issuedAt)] }))).toEqual(['no-renewal']);
  });
});

describe('levelStanding', () => {
  it('reminds a holder from renewalReminderDays before the expiry, and reports a lapsed level', () => {
    const issuedAt = now - 300 * DAY;
    const expiresAt = certificateExpiresAt(issuedAt, 12);
    const at = (t: number) => levelStanding(cert, 'associate', [held('associate', issuedAt)], t);
    expect(at(expiresAt - 30 * DAY - 1)).toMatchObject({ held: true, renewalDue: false, renewalOpensAt: expiresAt - 60 * DAY });
    expect(at(expiresAt - 30 * DAY)).toMatchObject({ held: true, renewalDue: true, expiresAt });
    expect(at(expiresAt)).toMatchObject({ held: false, renewalDue: false, lapsed: true, heldSince: null, expiresAt: null });
    expect(levelStanding(cert, 'associate', [held('associate', issuedAt, 12, true)], now)).toMatchObject({ held: false, lapsed: false });
  });
});

describe('attempt deadlines', () => {
  const startedAt = Date.parse('2026-03-10T09:00:00Z');

  it('ends an attempt its exam\'s timeLimitMinutes after it started', () => {
    expect(attemptDeadline(startedAt, associate)).toBe(Date.parse('2026-03-10T10:30:00Z'));
    expect(attemptDeadline(startedAt, professional)).toBe(Date.parse('2026-03-10T12:00:00Z'));
  });

  it('accepts answers until the deadline, not at it, unless a grace period is given', () => {
    const open: AttemptRecord = { startedAt, submittedAt: null, passed: null };
    const deadline = attemptDeadline(startedAt, associate);
    expect(isAttemptOpen(open, associate, deadline - 1)).toBe(true);
    expect(isAttemptOpen(open, associate, deadline)).toBe(false);
    expect(isAttemptOpen(open, associate, deadline + 2_000, 5_000)).toBe(true);
    expect(isAttemptOpen({ ...open, submittedAt: startedAt + 60_000 }, associate, startedAt + 120_000)).toBe(false);
  });

  it('reports when an attempt ended', () => {
    const open: AttemptRecord = { startedAt, submittedAt: null, passed: null };
    expect(attemptEndedAt(open, associate, startedAt + 60_000)).toBeNull();
    expect(attemptEndedAt(open, associate, startedAt + 5 * HOUR)).toBe(attemptDeadline(startedAt, associate));
    expect(attemptEndedAt({ ...open, submittedAt: startedAt + 60_000 }, associate, startedAt + 5 * HOUR)).toBe(startedAt + 60_000);
  });
});

describe('certificate validity', () => {
  it('adds calendar months in UTC and clamps to the end of shorter months', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(certificateExpiresAt(at('2025-03-15T08:30:00.250Z'), 24)).toBe(at('2027-03-15T08:30:00.250Z'));
    expect(certificateExpiresAt(at('2025-01-31T10:00:00Z'), 1)).toBe(at('2025-02-28T10:00:00Z'));
    expect(certificateExpiresAt(at('2024-01-31T10:00:00Z'), 1)).toBe(at('2024-02-29T10:00:00Z'));
    expect(certificateExpiresAt(at('2025-11-30T23:59:59Z'), 3)).toBe(at('2026-02-28T23:59:59Z'));
    expect(addMonths(at('2026-03-31T00:00:00Z'), -1)).toBe(at('2026-02-28T00:00:00Z'));
  });

  it('lists the levels of active certificates only', () => {
    const certificates: HeldCertificate[] = [
      { level: 'associate', issuedAt: 0, expiresAt: now + HOUR, revoked: false },
      { level: 'professional', issuedAt: 0, expiresAt: now - 1, revoked: false },
      { level: 'expert', issuedAt: 0, expiresAt: null, revoked: true },
      { level: 'associate', issuedAt: 0, expiresAt: null, revoked: false },
    ];
    expect(activeLevels(certificates, now)).toEqual(['associate']);
  });
});

describe('certificationProblems', () => {
  it('finds nothing wrong with the clean-timestamp certification', () => {
    expect(certificationProblems(cert)).toEqual([]);
  });

  it('reports levels out of order, unknown components and rules that cannot be met', () => {
    const [a, p, e] = cert.levels;
    if (!a || !p || !e || e.assessment.type !== 'case-study' || a.assessment.type !== 'exam') throw new Error('fixture needs the three levels');
    const broken: Certification = {
      ...cert,
      levels: [
        { ...a, prerequisites: { exercises: [], level: { id: 'professional', heldForMonths: 0, waivable: false } }, assessment: { ...a.assessment, components: ['theory', 'nope', 'theory'], minComponentsPassed: 9, distinction: { minOverallScore: 0.5, title: 'with honours' } } },
        { ...p, prerequisites: { exercises: [], level: { id: 'expert', heldForMonths: 6, waivable: true } } },
        { ...e, assessment: { ...e.assessment, rubric: { ...e.assessment.rubric, criteria: [{ id: 'x', title: 'X', description: 'd', minPoints: 9 }] } } },
      ],
    };
    expect(certificationProblems(broken)).toEqual([
      'levels[0].prerequisites.level "professional" is not a lower level listed before "associate"',
      'levels[0].assessment.components[1]: no component "nope" in "components"',
      'levels[0].assessment.components lists a component twice',
      'levels[0].assessment.minComponentsPassed is 9 but the exam has 3 components',
      'levels[0].assessment.distinction.minOverallScore is below overallPassMark: every pass would be one with distinction',
      'levels[1].prerequisites.level "expert" is not a lower level listed before "professional"',
      'levels[2].assessment.rubric.criteria[0].minPoints is 9, more than the scale\'s top 3: no case study could pass',
      'the first level "associate" cannot require another level',
    ]);
  });
});
