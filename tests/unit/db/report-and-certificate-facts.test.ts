// Migrations 016 and 017 on data stored before them: exercise starts come from the drafts already
// saved (attempt drafts left out), and certificates re-issued before 017 learn their successor from
// the audit log, while one revoked for its own reason gets none.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { getCertificate } from '../../../src/server/db/certificates.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

describe('migrations 016 and 017', () => {
  it('backfill exercise starts from drafts and successors of re-issued certificates', async () => {
    t = await tempDb({ migrate: false });
    await migrate(t.db, migrations.filter((m) => m.version < 16));
    const db = t.db;
    await db.run("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u1', 'a@example.com', 'A', 'x', 'learner', 0)");
    await db.run("INSERT INTO drafts (user_id, exercise_id, files, updated_at) VALUES ('u1', 'e1', '{}', 500), ('u1', 'e2@att', '{}', 600)");
    await db.run("INSERT INTO learner_exercises (user_id, exercise_id, first_at, pass_at, tries_to_pass) VALUES ('u1', 'e1', 900, 1000, 1), ('u1', 'e3', 700, NULL, NULL)");
    await db.run("INSERT INTO attempts (id, user_id, program, paper, answers, flags, started_at, expires_at, status) VALUES ('a1', 'u1', 'p', '{}', '{}', '[]', 0, 1, 'submitted')");
    await db.run("INSERT INTO status_lists (id, size, created_at) VALUES (1, 64, 0)");
    const insert = "INSERT INTO certificates (id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, status_list, status_index, revoked_at, revoked_reason) VALUES (?, 'u1', 'a1', 'p', 'l', 'A', 'a@example.com', 0.9, '{\"components\":[],\"skills\":[]}', ?, 1, ?, ?, ?)";
    await db.run(insert, 'old-certificate-1', 1, 1, 10, 'Superseded by re-issued certificate new-certificate-1');
    await db.run(insert, 'new-certificate-1', 10, 2, 20, 'Exam irregularity');
    await db.run(insert, 'newest-certific-1', 30, 3, null, null);
    await db.run("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ('u1', 'certificate.reissue', 'old-certificate-1', '{\"replacement\":\"new-certificate-1\"}', 10)");
    await db.run("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ('u1', 'certificate.reissue', 'new-certificate-1', '{\"replacement\":\"newest-certific-1\"}', 30)");

    expect(await migrate(db)).toEqual(migrations.filter((m) => m.version >= 16).map((m) => m.version));
    expect(await db.all('SELECT user_id, exercise_id, started_at FROM exercise_starts')).toEqual([{ user_id: 'u1', exercise_id: 'e1', started_at: 500 }]);
    expect(await db.all('SELECT exercise_id, started_at FROM learner_exercises ORDER BY exercise_id')).toEqual([
      { exercise_id: 'e1', started_at: 500 },
      { exercise_id: 'e3', started_at: null },
    ]);
    expect((await getCertificate(db, 'old-certificate-1'))?.supersededBy).toBe('new-certificate-1');
    // Revoked for a reason of its own before it was re-issued: it stays a plain revocation.
    expect((await getCertificate(db, 'new-certificate-1'))?.supersededBy).toBeNull();
    expect((await getCertificate(db, 'newest-certific-1'))?.supersededBy).toBeNull();
  });
});
