// Migration 018 turns Clean Timestamp's one certification into the ladder's first level: a database
// holding "developer" and "distinction" attempts and certificates from before it migrates, and every
// one of them is then an Associate one (a distinction keeps its mark), with the expiry it was issued
// with, so nothing issued becomes invalid; another program's rows keep their levels.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { getAttempt, listAttempts } from '../../../src/server/db/attempts.ts';
import { getCertificate } from '../../../src/server/db/certificates.ts';
import { certificateStatus } from '../../../src/lib/contracts/certificate-status.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

const breakdown = JSON.stringify({ components: [{ id: 'theory', name: 'Theory', score: 0.95, passMark: 0.7, passed: true, weight: 1 }], skills: [], questions: [], tasks: {} });
const ISSUED = Date.parse('2025-12-01T10:00:00Z');
const EXPIRES = Date.parse('2027-12-01T10:00:00Z'); // 24 months, as the old levels gave

describe('migration 018 (certification ladder)', () => {
  it('maps developer and distinction to Associate, keeping the mark, the expiry and the status', async () => {
    t = await tempDb({ migrate: false });
    const { db } = t;
    await migrate(db, migrations.filter((m) => m.version < 18));
    await db.run("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u1', 'a@example.com', 'Ann', 'x', 'learner', 0)");
    const attempt = "INSERT INTO attempts (id, user_id, program, paper, status, started_at, expires_at, submitted_at, score, passed, level, breakdown) VALUES (?, 'u1', ?, '{\"quiz\":{},\"tasks\":[]}', 'submitted', ?, ?, ?, ?, 1, ?, ?)";
    await db.run(attempt, 'a-dev', 'clean-timestamp', ISSUED - 3_600_000, ISSUED, ISSUED, 0.8, 'developer', breakdown);
    await db.run(attempt, 'a-dist', 'clean-timestamp', ISSUED - 3_600_000, ISSUED, ISSUED, 0.95, 'distinction', breakdown);
    await db.run(attempt, 'a-money', 'money-basics', ISSUED - 3_600_000, ISSUED, ISSUED, 0.9, 'practitioner', breakdown);
    await db.run("INSERT INTO status_lists (id, size, created_at) VALUES (1, 16, 0)");
    const certificate = "INSERT INTO certificates (id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, expires_at, status_list, status_index) VALUES (?, 'u1', ?, ?, ?, 'Ann', 'a@example.com', ?, '{\"components\":[],\"skills\":[]}', ?, ?, 1, ?)";
    await db.run(certificate, 'c-dev', 'a-dev', 'clean-timestamp', 'developer', 0.8, ISSUED, EXPIRES, 1);
    await db.run(certificate, 'c-dist', 'a-dist', 'clean-timestamp', 'distinction', 0.95, ISSUED, EXPIRES, 2);
    await db.run(certificate, 'c-money', 'a-money', 'money-basics', 'practitioner', 0.9, ISSUED, EXPIRES, 3);

    expect(await migrate(db)).toEqual(migrations.filter((m) => m.version >= 18).map((m) => m.version));

    expect(await getCertificate(db, 'c-dev')).toMatchObject({ level: 'associate', distinction: false, issuedAt: ISSUED, expiresAt: EXPIRES });
    expect(await getCertificate(db, 'c-dist')).toMatchObject({ level: 'associate', distinction: true, issuedAt: ISSUED, expiresAt: EXPIRES });
    expect(await getCertificate(db, 'c-money')).toMatchObject({ level: 'practitioner', distinction: false });
    // A year and a half on, an old 24-month certificate is still valid although Associate now lasts 12.
    const later = Date.parse('2027-06-01T00:00:00Z');
    for (const id of ['c-dev', 'c-dist']) expect(certificateStatus(await getCertificate(db, id) ?? { revokedAt: 1, expiresAt: 0 }, later)).toBe('active');

    expect((await listAttempts(db, 'u1', 'clean-timestamp')).map((a) => [a.id, a.targetLevel, a.level, a.purpose, a.kind])).toEqual([
      ['a-dev', 'associate', 'associate', 'certify', 'exam'],
      ['a-dist', 'associate', 'associate', 'certify', 'exam'],
    ]);
    // Another program's attempts were for its first level, whatever its id: they keep a null target.
    expect(await getAttempt(db, 'a-money')).toMatchObject({ targetLevel: null, level: 'practitioner', purpose: 'certify', kind: 'exam' });
    // The cohort report reads levels from the projection: it follows.
    expect(await db.all('SELECT attempt_id, level FROM attempt_results ORDER BY attempt_id')).toEqual([
      { attempt_id: 'a-dev', level: 'associate' },
      { attempt_id: 'a-dist', level: 'associate' },
      { attempt_id: 'a-money', level: 'practitioner' },
    ]);
    // The new tables are there and empty.
    for (const table of ['case_studies', 'case_study_reviews', 'cohort_waivers', 'practice_papers']) {
      expect(await db.get(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual({ n: 0 });
    }
  });
});
