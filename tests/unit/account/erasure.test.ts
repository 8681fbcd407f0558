// Deleting an account on a real migrated SQLite file: every table that refers to accounts has a
// policy; the deleted learner's personal data is gone while another learner's is untouched; the
// tombstone keeps the cohort's figures as they were ("Deleted learner"); certificates are kept
// (naming no one) or withdrawn (revoked, their status-list bit set) as chosen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';
import type { Param } from '../../../src/server/db/store.ts';
import { crossReview, fillLearner, SHARED_FILES, type LearnerData } from '../../helpers/account-data.ts';
import { ERASURE, eraseAccount, WITHDRAWN_REASON } from '../../../src/server/db/account-erasure.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { insertCohort } from '../../../src/server/db/cohorts.ts';
import { certificatesOfCohort, getCertificate, revokedIndexes } from '../../../src/server/db/certificates.ts';
import { canonicalFiles } from '../../../src/server/db/submissions.ts';
import { gatherLearners } from '../../../src/server/cohorts/learners.ts';
import { createHash } from 'node:crypto';
import { foreignKeysTo } from '../../../src/server/db/dialect.ts';
import { columnNames, tableNames } from '../../helpers/test-database.ts';

let t: TempDb;
let ada: LearnerData;
let bob: LearnerData;
let cohortId: string;

beforeEach(async () => {
  t = await tempDb();
  const teacher = await createUser(t.db, { email: 'teach@example.com', name: 'Teacher', passwordHash: 'x', role: 'instructor' });
  cohortId = (await insertCohort(t.db, { name: 'Spring', program: 'clean-timestamp', ownerId: teacher.id, sessionDates: [] })).id;
  const a = await createUser(t.db, { email: 'Ada@Example.com', name: 'Ada Lovelace', passwordHash: 'hash-of-ada' });
  const b = await createUser(t.db, { email: 'bob@example.com', name: 'Bob Builder', passwordHash: 'hash-of-bob' });
  ada = await fillLearner(t.db, a, { marker: 'ADA-MARK', cohortId, reviewerId: teacher.id });
  bob = await fillLearner(t.db, b, { marker: 'BOB-MARK', cohortId, reviewerId: teacher.id });
  await crossReview(t.db, ada, bob, cohortId, teacher.id);
});
afterEach(() => t.cleanup());

const one = async <T>(sql: string, ...params: Param[]) => await t.db.get(sql, ...params) as T;
const count = async (sql: string, ...params: Param[]) => (await t.db.get(sql, ...params) as { n: number }).n;
/** Every text column of every table, joined: whatever the deleted learner wrote must not be in it. */
async function everyText(): Promise<string> {
  const texts: string[] = [];
  for (const name of await tableNames(t.db)) texts.push(JSON.stringify(await t.db.all(`SELECT * FROM "${name}"`)));
  return texts.join('\n');
}

describe('the erasure policy', () => {
  it('covers every table that refers to accounts, including tables added after it was written', async () => {
    const toUsers = new Set((await foreignKeysTo(t.db, 'users')).map((fk) => fk.table));
    const referring: string[] = [];
    for (const name of await tableNames(t.db)) {
      if (name === 'users' || toUsers.has(name) || (await columnNames(t.db, name)).includes('user_id')) referring.push(name);
    }
    const missing = referring.filter((name) => !(name in ERASURE));
    expect(missing, `tables that refer to accounts without a deletion policy in src/server/db/account-erasure.ts: ${missing.join(', ')}`).toEqual([]);
    // Keyed by the account without a foreign key: counters and limits.
    expect(ERASURE).toHaveProperty('rate_limits');
    expect(ERASURE).toHaveProperty('sign_in_attempts');
    expect(ERASURE).toHaveProperty('submission_files');
  });
});

describe('eraseAccount', () => {
  it('removes what identifies the learner or what they wrote, and nothing of anyone else', async () => {
    const bobBefore = JSON.stringify(await t.db.get("SELECT * FROM users WHERE email = 'bob@example.com'"));
    await eraseAccount(t.db, ada.userId, 'keep-public', Date.now());
    const text = await everyText();
    for (const secret of ['ADA-MARK', 'Ada Lovelace', 'Ada@Example.com', 'ada@example.com', 'hash-of-ada']) expect(text, secret).not.toContain(secret);
    for (const kept of ['BOB-MARK', 'Bob Builder', 'hash-of-bob']) expect(text, kept).toContain(kept);
    expect(JSON.stringify(await t.db.get("SELECT * FROM users WHERE email = 'bob@example.com'"))).toBe(bobBefore);

    const user = await one<{ name: string; email: string; password_hash: string; deleted_at: number | null; holder_id: string | null }>('SELECT * FROM users WHERE id = ?', ada.userId);
    expect(user).toMatchObject({ name: 'Deleted learner', email: `deleted:${ada.userId}`, password_hash: '', holder_id: null });
    expect(user.deleted_at).toBeGreaterThan(0);
    for (const [table, where] of [
      ['sessions', 'user_id = ?'],
      ['known_devices', 'user_id = ?'],
      ['drafts', 'user_id = ?'],
      ['practice_papers', 'user_id = ?'],
      ['rate_limits', 'key = ?'],
    ] as const) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, ada.userId), table).toBe(0);
      expect(await count(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, bob.userId), `${table} of the other learner`).toBeGreaterThan(0);
    }
    expect(await count("SELECT COUNT(*) AS n FROM sign_in_attempts WHERE key LIKE '%' || ?", ada.userId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM sign_in_attempts WHERE key = 'ada@example.com'")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM sign_in_attempts WHERE key = 'bob@example.com'")).toBe(1);

    // Submissions keep their grading facts without files or output; answers, flags and chosen options are gone.
    const submissions = await t.db.all('SELECT status, score, failed_tests, files, files_hash, result FROM submissions WHERE user_id = ? ORDER BY created_at', ada.userId);
    expect(submissions).toEqual([
      { status: 'fail', score: 0.5, failed_tests: '["keeps names"]', files: '{}', files_hash: null, result: null },
      { status: 'pass', score: 1, failed_tests: '[]', files: '{}', files_hash: null, result: null },
    ]);
    const attempt = await one<{ answers: string; flags: string; score: number; breakdown: string }>('SELECT answers, flags, score, breakdown FROM attempts WHERE id = ?', ada.attemptId);
    expect(attempt).toMatchObject({ answers: '{}', flags: '[]', score: 0.9 });
    expect(JSON.parse(attempt.breakdown).questions).toEqual([{ id: 'arch-application-layer-timestamps', skill: 'entity-implementation', mark: 0, chosen: [] }]);
    expect(await one('SELECT chosen, correct FROM check_answers WHERE user_id = ?', ada.userId)).toEqual({ chosen: null, correct: 1 });
    expect(await one('SELECT ratings, comment FROM feedback WHERE user_id = ?', ada.userId)).toEqual({ ratings: '{"pace":4}', comment: '' });
    expect(await one('SELECT status, files_hash FROM case_studies WHERE id = ?', ada.caseStudyId)).toEqual({ status: 'returned', files_hash: null });
    expect(await one("SELECT ratings, answers FROM program_feedback WHERE user_id = ?", ada.userId)).toEqual({ ratings: '{"overall":5}', answers: '{}' });
    expect(await t.db.all('SELECT r.verdict, r.feedback FROM homework_reviews r JOIN submissions s ON s.id = r.submission_id WHERE s.user_id = ?', ada.userId)).toEqual([{ verdict: 'needs-work', feedback: '' }]);
  });

  it('erases peer review text the learner wrote or that was written on their erased work, and keeps the rubric points', async () => {
    await eraseAccount(t.db, ada.userId, 'keep-public');
    // Ada's review of Bob's work: points stay (they count for Bob), her words go.
    expect(await one('SELECT status, points, comment FROM peer_review_assignments WHERE reviewer_id = ?', ada.userId)).toEqual({ status: 'submitted', points: '{"clarity":3}', comment: '' });
    expect(await count('SELECT COUNT(*) AS n FROM peer_review_comments c JOIN peer_review_assignments a ON a.id = c.assignment_id WHERE a.reviewer_id = ?', ada.userId)).toBe(0);
    // Bob's review of Ada's work: its words were about files that are gone; its points stay.
    expect(await one('SELECT a.points, a.comment FROM peer_review_assignments a JOIN peer_review_works w ON w.id = a.work_id WHERE w.author_id = ?', ada.userId)).toEqual({ points: '{"clarity":3}', comment: '' });
    expect(await count("SELECT COUNT(*) AS n FROM peer_review_comments WHERE body = 'line comment written by BOB-MARK'")).toBe(0);
    expect((await one<{ files: string }>('SELECT f.files FROM peer_review_works w JOIN submission_files f ON f.hash = w.files_hash WHERE w.author_id = ?', ada.userId)).files).toBe('{}');
    // Bob's own work and his homework review are untouched.
    expect((await one<{ files: string }>('SELECT f.files FROM peer_review_works w JOIN submission_files f ON f.hash = w.files_hash WHERE w.author_id = ?', bob.userId)).files).toContain('BOB-MARK');
    expect(await count("SELECT COUNT(*) AS n FROM homework_reviews WHERE feedback = 'Homework feedback for BOB-MARK'")).toBe(1);
  });

  it('removes stored file contents only the deleted learner used, and keeps contents another learner shares', async () => {
    const hash = (files: Record<string, string>) => createHash('sha256').update(canonicalFiles(files)).digest('hex');
    await eraseAccount(t.db, ada.userId, 'keep-public');
    expect(await count('SELECT COUNT(*) AS n FROM submission_files WHERE hash = ?', hash(ada.submissionFiles))).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM submission_files WHERE hash = ?', hash(SHARED_FILES))).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM submission_files WHERE hash = ?', hash(bob.submissionFiles))).toBe(1);
  });

  it('keeps the cohort’s figures: the tombstone is on the roster as "Deleted learner" with the same results', async () => {
    const sessions = new Map([['welcome', 1]]);
    const before = await gatherLearners(t.db, cohortId, 'clean-timestamp', sessions);
    await eraseAccount(t.db, ada.userId, 'keep-public');
    const after = await gatherLearners(t.db, cohortId, 'clean-timestamp', sessions);
    expect(after).toHaveLength(before.length);
    const strip = (rows: typeof before) => rows.map(({ name: _n, email: _e, ...facts }) => facts).sort((a, b) => a.id.localeCompare(b.id));
    expect(strip(after)).toEqual(strip(before));
    const deleted = after.find((l) => l.id === ada.userId);
    expect(deleted).toMatchObject({ name: 'Deleted learner', email: '' });
    expect((await certificatesOfCohort(t.db, cohortId)).find((c) => c.userId === ada.userId)?.learnerName).toBe('Deleted learner');
  });

  it('keeps certificates verifiable but naming no one when asked to keep them public', async () => {
    const outcome = await eraseAccount(t.db, ada.userId, 'keep-public');
    expect(outcome).toMatchObject({ certificatesKept: 1, certificatesWithdrawn: 0 });
    const certificate = await getCertificate(t.db, ada.certificateId);
    expect(certificate).toMatchObject({ learnerName: '', learnerEmail: '', revokedAt: null, withdrawn: false, pdfPath: null });
    expect(certificate?.holderDeletedAt).toBeGreaterThan(0);
    expect(await revokedIndexes(t.db, certificate?.statusList ?? 1)).not.toContain(certificate?.statusIndex);
  });

  it('withdraws certificates when asked: revoked at the holder’s request, their bit set in the status list', async () => {
    const outcome = await eraseAccount(t.db, ada.userId, 'withdraw');
    expect(outcome).toMatchObject({ certificatesKept: 0, certificatesWithdrawn: 1 });
    const certificate = await getCertificate(t.db, ada.certificateId);
    expect(certificate).toMatchObject({ learnerName: '', withdrawn: true, revokedReason: WITHDRAWN_REASON });
    expect(await revokedIndexes(t.db, certificate?.statusList ?? 1)).toContain(certificate?.statusIndex);
    expect(await getCertificate(t.db, bob.certificateId)).toMatchObject({ revokedAt: null, learnerName: 'Learner BOB-MARK' });
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'account.delete' AND subject = ?", ada.userId)).toBe(1);
  });

  it('refuses an account that is already deleted', async () => {
    await eraseAccount(t.db, ada.userId, 'keep-public');
    await expect(eraseAccount(t.db, ada.userId, 'keep-public')).rejects.toThrow(/already deleted/);
  });
});
