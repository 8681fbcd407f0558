// The shared contracts in src/lib/contracts/: the attempt breakdown's runtime check (and that what
// the assessment engine stores passes it), the certificate status rule, the review finding check.
import { afterEach, describe, expect, it } from 'vitest';
import { isAttemptBreakdown, isCertificateBreakdown, readAttemptBreakdown, readCertificateBreakdown, type AttemptBreakdown } from '../../../src/lib/contracts/attempt-breakdown.ts';
import { certificateStatus, isCertificateActive } from '../../../src/lib/contracts/certificate-status.ts';
import { isReviewFinding } from '../../../src/lib/contracts/review-finding.ts';
import { finishAttempt, getAttempt, insertAttempt } from '../../../src/server/db/attempts.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';
import { createUser } from '../../../src/server/db/users.ts';

const breakdown: AttemptBreakdown = {
  components: [{ id: 'theory', name: 'Theory', score: 0.8, passMark: 0.7, passed: true, weight: 1 }],
  skills: [{ skill: 'testing', score: 0.8 }],
  questions: [{ id: 'q1', skill: 'testing', mark: 0.5, chosen: ['a', 'c'] }],
  tasks: { impl: { score: 1, submissionId: 's1', status: 'pass' }, review: null },
};

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

describe('attempt breakdown', () => {
  it('accepts the stored shape, extra fields from scoring included', () => {
    expect(isAttemptBreakdown(breakdown)).toBe(true);
    expect(isAttemptBreakdown({ ...breakdown, components: [{ ...breakdown.components[0], type: 'quiz' }], skills: [{ skill: 'testing', score: 1, weight: 0.5, evidence: 3 }] })).toBe(true);
    expect(isCertificateBreakdown({ components: breakdown.components, skills: breakdown.skills })).toBe(true);
  });

  it.each([
    ['no components', { ...breakdown, components: undefined }, /"components" is not a list/],
    ['a component without its pass mark', { ...breakdown, components: [{ id: 'x', name: 'X', score: 1, passed: true, weight: 1 }] }, /components\[0\] has no valid "passMark"/],
    ['a skill score that is text', { ...breakdown, skills: [{ skill: 'testing', score: '80%' }] }, /skills\[0\] has no valid "score"/],
    ['a question with chosen ids that are not text', { ...breakdown, questions: [{ id: 'q', skill: 's', mark: 1, chosen: [1] }] }, /questions\[0\] has no valid "chosen"/],
    ['tasks as a list', { ...breakdown, tasks: [] }, /"tasks" is not an object/],
    ['a task without its submission', { ...breakdown, tasks: { impl: { score: 1, status: 'pass' } } }, /tasks\.impl has no valid "submissionId"/],
  ])('refuses %s, naming what is wrong', (_label, value, message) => {
    expect(isAttemptBreakdown(value)).toBe(false);
    expect(() => readAttemptBreakdown(JSON.stringify(value))).toThrow(message);
  });

  it('a certificate breakdown needs components and skills only', () => {
    expect(readCertificateBreakdown(JSON.stringify(breakdown))).toMatchObject({ skills: breakdown.skills });
    expect(() => readCertificateBreakdown('{"skills": []}')).toThrow(/"components" is not a list/);
  });

  it('storage hands back what it stored, checked', async () => {
    t = await tempDb();
    const user = await createUser(t.db, { email: 'a@example.com', name: 'A', passwordHash: 'x' });
    await insertAttempt(t.db, { id: 'a1', userId: user.id, program: 'p', paper: { quiz: {}, tasks: [] }, startedAt: 0, expiresAt: 10 });
    expect((await getAttempt(t.db, 'a1'))?.breakdown).toBeNull();
    await finishAttempt(t.db, 'a1', { submittedAt: 5, score: 0.8, passed: true, level: null, breakdown, marks: { q1: 0.5 } });
    expect((await getAttempt(t.db, 'a1'))?.breakdown).toEqual(breakdown);
    await t.db.run("UPDATE attempts SET breakdown = '{\"skills\": []}' WHERE id = 'a1'");
    await expect(getAttempt(t?.db as TempDb['db'], 'a1')).rejects.toThrow(/stored attempt breakdown/);
  });
});

describe('certificate status', () => {
  it('revocation wins over expiry; a certificate expires at its instant; null never expires', () => {
    expect(certificateStatus({ revokedAt: null, expiresAt: null }, 5)).toBe('active');
    expect(certificateStatus({ revokedAt: null, expiresAt: 6 }, 5)).toBe('active');
    expect(certificateStatus({ revokedAt: null, expiresAt: 5 }, 5)).toBe('expired');
    expect(certificateStatus({ revokedAt: 1, expiresAt: 2 }, 5)).toBe('revoked');
    expect(certificateStatus({ revoked: true, expiresAt: null }, 5)).toBe('revoked');
    expect(certificateStatus({ revoked: false, expiresAt: 4 }, 5)).toBe('expired');
    expect(isCertificateActive({ revoked: false, expiresAt: 6 }, 5)).toBe(true);
    expect(isCertificateActive({ revokedAt: 3, expiresAt: null }, 5)).toBe(false);
  });
});

describe('review finding', () => {
  it('is a file, a whole line number and a category', () => {
    expect(isReviewFinding({ file: 'src/a.ts', line: 3, category: 'identity' })).toBe(true);
    expect(isReviewFinding({ file: 'src/a.ts', line: 3.5, category: 'identity' })).toBe(false);
    expect(isReviewFinding({ file: 'src/a.ts', line: '3', category: 'identity' })).toBe(false);
    expect(isReviewFinding(null)).toBe(false);
  });
});
