// Migration 014 keeps every certificate issued before it on list 1 (the address its credential
// names) with the same bit; new certificates fill a list, then start the next one.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { insertCertificate, revokedIndexes, revokeCertificate, statusLists } from '../../../src/server/db/certificates.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

async function seedUserAndAttempt(db: TempDb['db']): Promise<void> {
  await db.run("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u1', 'a@example.com', 'A', 'x', 'learner', 0)");
  await db.run("INSERT INTO attempts (id, user_id, program, paper, answers, flags, started_at, expires_at, status) VALUES ('a1', 'u1', 'p', '{}', '{}', '[]', 0, 1, 'submitted')");
}

const certificate = { userId: 'u1', attemptId: 'a1', program: 'p', level: 'l', learnerName: 'A', learnerEmail: 'a@example.com', score: 0.9, breakdown: { components: [], skills: [] }, issuedAt: 1, expiresAt: null };

describe('status lists', () => {
  it('moves certificates issued before migration 014 onto list 1 with their bits, revocations included', async () => {
    t = await tempDb({ migrate: false });
    await migrate(t.db, migrations.filter((m) => m.version < 14));
    await seedUserAndAttempt(t.db);
    const insert = "INSERT INTO certificates (id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, status_index, revoked_at) VALUES (?, 'u1', 'a1', 'p', 'l', 'A', 'a@example.com', 0.9, '{}', 1, ?, ?)";
    await t.db.run(insert, 'c1', 70_000, null);
    await t.db.run(insert, 'c2', 12, 5);
    expect(await migrate(t.db)).toEqual(migrations.filter((m) => m.version >= 14).map((m) => m.version));
    expect(await statusLists(t.db)).toEqual([{ id: 1, size: 131_072 }]);
    expect(await t.db.all('SELECT id, status_list, status_index FROM certificates ORDER BY id')).toEqual([
      { id: 'c1', status_list: 1, status_index: 70_000 },
      { id: 'c2', status_list: 1, status_index: 12 },
    ]);
    expect(await revokedIndexes(t.db, 1)).toEqual([12]);
  });

  it('fills a list (random free bits, no bit twice) and then starts the next one', async () => {
    t = await tempDb();
    await seedUserAndAttempt(t.db);
    const issued = await Promise.all(Array.from({ length: 20 }, () => insertCertificate(t!.db, certificate, 8)));
    expect(await statusLists(t.db)).toEqual([
      { id: 1, size: 8 },
      { id: 2, size: 8 },
      { id: 3, size: 8 },
    ]);
    const bitsOf = (list: number) => issued.filter((c) => c.statusList === list).map((c) => c.statusIndex).sort((a, b) => a - b);
    expect(bitsOf(1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(bitsOf(2)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(bitsOf(3)).toHaveLength(4);
    const second = issued.find((c) => c.statusList === 2);
    await revokeCertificate(t.db, { id: second!.id, reason: 'test', actorId: 'u1' });
    expect(await revokedIndexes(t.db, 2)).toEqual([second!.statusIndex]);
    expect(await revokedIndexes(t.db, 1)).toEqual([]);
  });
});
