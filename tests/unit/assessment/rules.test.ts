import { describe, expect, it } from 'vitest';
import {
  activeLevels,
  attemptDeadline,
  attemptEndedAt,
  certificateExpiresAt,
  certificationProblems,
  checkEligibility,
  isAttemptOpen,
  type AttemptRecord,
  type EligibilityInput,
  type HeldCertificate,
} from '../../../src/server/assessment/rules.ts';
import { loadCertification } from './helpers.ts';

const cert = loadCertification(); // 90 minutes, 3 attempts, 24 h cool-down, developer → distinction
const HOUR = 3_600_000;
const now = Date.parse('2026-03-10T12:00:00Z');
const allPrerequisites = cert.prerequisites.exercises;

function check(overrides: Partial<EligibilityInput> = {}) {
  return checkEligibility({ rules: cert, passedExercises: allPrerequisites, attempts: [], certificates: [], now, ...overrides });
}
const failed = (startedAt: number, submittedAt: number | null = startedAt + HOUR): AttemptRecord => ({ startedAt, submittedAt, passed: false });
const codes = (result: ReturnType<typeof check>) => result.reasons.map((r) => r.code);

describe('checkEligibility', () => {
  it('lets a learner who completed the prerequisites start a first attempt', () => {
    const result = check();
    expect(result).toMatchObject({ eligible: true, reasons: [], attemptsUsed: 0, attemptsLeft: 3 });
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('lists the missing prerequisite exercises', () => {
    const result = check({ passedExercises: allPrerequisites.filter((id) => id !== 's2-event-leak' && id !== 's1-project-entity') });
    expect(result.eligible).toBe(false);
    expect(result.reasons[0]).toMatchObject({ code: 'prerequisites', missing: ['s1-project-entity', 's2-event-leak'] });
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('blocks a new attempt while one is running', () => {
    const startedAt = now - 30 * 60_000;
    const result = check({ attempts: [{ startedAt, submittedAt: null, passed: null }] });
    expect(codes(result)).toEqual(['attempt-in-progress']);
    expect(result.reasons[0]).toMatchObject({ until: startedAt + 90 * 60_000 });
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('enforces the cool-down after a failed attempt, up to and not including its end', () => {
    const submittedAt = now - 2 * HOUR;
    const result = check({ attempts: [failed(submittedAt - HOUR, submittedAt)] });
    expect(codes(result)).toEqual(['cooldown']);
    expect(result.nextAttemptAt).toBe(submittedAt + 24 * HOUR);
    expect(check({ attempts: [failed(submittedAt - HOUR, submittedAt)], now: submittedAt + 24 * HOUR - 1 }).eligible).toBe(false);
    expect(check({ attempts: [failed(submittedAt - HOUR, submittedAt)], now: submittedAt + 24 * HOUR }).eligible).toBe(true);
  });

  it('treats an attempt that ran out of time unsubmitted as failed at its deadline', () => {
    const startedAt = now - 3 * HOUR;
    const result = check({ attempts: [{ startedAt, submittedAt: null, passed: null }] });
    expect(codes(result)).toEqual(['cooldown']);
    expect(result.nextAttemptAt).toBe(startedAt + 90 * 60_000 + 24 * HOUR);
  });

  it('has no cool-down after a passed attempt and lets a developer try for distinction', () => {
    const issuedAt = now - 2 * HOUR;
    const result = check({
      attempts: [{ startedAt: issuedAt - HOUR, submittedAt: issuedAt, passed: true }],
      certificates: [{ level: 'developer', expiresAt: certificateExpiresAt(issuedAt, 24), revoked: false }],
    });
    expect(result).toMatchObject({ eligible: true, attemptsUsed: 1, attemptsLeft: 2 });
  });

  it('refuses a learner who holds an active top-level certificate until it expires', () => {
    const expiresAt = now + 400 * 24 * HOUR;
    const result = check({
      attempts: [{ startedAt: now - 10 * HOUR, submittedAt: now - 9 * HOUR, passed: true }],
      certificates: [{ level: 'distinction', expiresAt, revoked: false }],
    });
    expect(codes(result)).toEqual(['already-certified']);
    expect(result.nextAttemptAt).toBe(expiresAt);
  });

  it('does not count a revoked top-level certificate as held', () => {
    const result = check({ certificates: [{ level: 'distinction', expiresAt: now + HOUR, revoked: true }] });
    expect(result.eligible).toBe(true);
  });

  it('stops at the attempt limit with no time at which it lifts', () => {
    const long = now - 30 * 24 * HOUR;
    const result = check({ attempts: [failed(long), failed(long + 2 * 24 * HOUR), failed(long + 4 * 24 * HOUR)] });
    expect(codes(result)).toEqual(['attempt-limit']);
    expect(result).toMatchObject({ attemptsUsed: 3, attemptsLeft: 0 });
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('gives no next attempt time when a cool-down comes with a reason time cannot fix', () => {
    const recent = now - 2 * HOUR;
    const result = check({ attempts: [failed(now - 9 * 24 * HOUR), failed(now - 5 * 24 * HOUR), failed(recent - HOUR, recent)] });
    expect(codes(result)).toEqual(['attempt-limit', 'cooldown']);
    expect(result.nextAttemptAt).toBeUndefined();
  });

  it('starts a fresh attempt allowance when a certificate has expired, but not when one was revoked', () => {
    const old = Date.parse('2023-01-01T00:00:00Z');
    const attempts = [failed(old), failed(old + 2 * 24 * HOUR), { startedAt: old + 4 * 24 * HOUR, submittedAt: old + 4 * 24 * HOUR + HOUR, passed: true }];
    const expired: HeldCertificate = { level: 'developer', expiresAt: certificateExpiresAt(old + 4 * 24 * HOUR + HOUR, 24), revoked: false };
    expect(check({ attempts, certificates: [expired] })).toMatchObject({ eligible: true, attemptsUsed: 0, attemptsLeft: 3 });
    const revoked: HeldCertificate = { ...expired, revoked: true }; // expired too, but revoked first
    expect(codes(check({ attempts, certificates: [revoked] }))).toEqual(['attempt-limit']);
  });
});

describe('attempt deadlines', () => {
  const startedAt = Date.parse('2026-03-10T09:00:00Z');

  it('ends an attempt timeLimitMinutes after it started', () => {
    expect(attemptDeadline(startedAt, cert)).toBe(Date.parse('2026-03-10T10:30:00Z'));
  });

  it('accepts answers until the deadline, not at it, unless a grace period is given', () => {
    const open: AttemptRecord = { startedAt, submittedAt: null, passed: null };
    const deadline = attemptDeadline(startedAt, cert);
    expect(isAttemptOpen(open, cert, deadline - 1)).toBe(true);
    expect(isAttemptOpen(open, cert, deadline)).toBe(false);
    expect(isAttemptOpen(open, cert, deadline + 2_000, 5_000)).toBe(true);
    expect(isAttemptOpen({ ...open, submittedAt: startedAt + 60_000 }, cert, startedAt + 120_000)).toBe(false);
  });

  it('reports when an attempt ended', () => {
    const open: AttemptRecord = { startedAt, submittedAt: null, passed: null };
    expect(attemptEndedAt(open, cert, startedAt + 60_000)).toBeNull();
    expect(attemptEndedAt(open, cert, startedAt + 5 * HOUR)).toBe(attemptDeadline(startedAt, cert));
    expect(attemptEndedAt({ ...open, submittedAt: startedAt + 60_000 }, cert, startedAt + 5 * HOUR)).toBe(startedAt + 60_000);
  });
});

describe('certificate validity', () => {
  it('adds calendar months in UTC and clamps to the end of shorter months', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(certificateExpiresAt(at('2025-03-15T08:30:00.250Z'), 24)).toBe(at('2027-03-15T08:30:00.250Z'));
    expect(certificateExpiresAt(at('2025-01-31T10:00:00Z'), 1)).toBe(at('2025-02-28T10:00:00Z'));
    expect(certificateExpiresAt(at('2024-01-31T10:00:00Z'), 1)).toBe(at('2024-02-29T10:00:00Z'));
    expect(certificateExpiresAt(at('2025-11-30T23:59:59Z'), 3)).toBe(at('2026-02-28T23:59:59Z'));
  });

  it('lists the levels of active certificates only', () => {
    const certificates: HeldCertificate[] = [
      { level: 'developer', expiresAt: now + HOUR, revoked: false },
      { level: 'distinction', expiresAt: now - 1, revoked: false },
      { level: 'expert', expiresAt: null, revoked: true },
      { level: 'developer', expiresAt: null, revoked: false },
    ];
    expect(activeLevels(certificates, now)).toEqual(['developer']);
  });
});

describe('certificationProblems', () => {
  it('finds nothing wrong with the clean-timestamp certification', () => {
    expect(certificationProblems(cert)).toEqual([]);
  });

  it('reports levels out of order, unknown required levels and an unreachable first level', () => {
    const [developer, distinction] = cert.levels;
    if (!developer || !distinction) throw new Error('fixture needs two levels');
    const broken = {
      ...cert,
      overallPassMark: 0.7,
      components: [...cert.components, cert.components[0] ?? cert.components[1]!],
      levels: [
        { ...distinction, requiresLevel: 'developer' },
        { ...developer, requiresLevel: 'expert' },
      ],
    };
    expect(certificationProblems(broken)).toEqual([
      'component id "theory" is used twice',
      'level "distinction" requires "developer", which is not a lower level',
      'level "developer" needs a lower score than "distinction" before it; list levels lowest first',
      'level "developer" requires "expert", which is not a lower level',
      'the first level "distinction" cannot require another level',
      'the first level needs 0.9 but overallPassMark is 0.7: a pass could earn no level',
    ]);
  });
});
