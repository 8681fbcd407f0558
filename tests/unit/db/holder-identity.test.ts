// Migration 022 gives every holder a stable identifier: existing users are backfilled with distinct
// urn:uuid (version 4) values, users created afterwards get one from the insert trigger whoever
// inserts them, and an identifier is never shared.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { holderIdOf } from '../../../src/server/db/holder-identity.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('migration 022 (holder identity)', () => {
  it('backfills every existing user with a distinct urn:uuid that stays put', async () => {
    t = await tempDb({ migrate: false });
    const { db } = t;
    await migrate(db, migrations.filter((m) => m.version < 22));
    const insert = "INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, 'x', 'learner', 0)";
    for (let i = 0; i < 50; i++) await db.run(insert, `u${i}`, `u${i}@example.com`, `User ${i}`);

    await migrate(db);
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => holderIdOf(db, `u${i}`)));
    for (const id of ids) expect(id).toMatch(UUID_URN);
    expect(new Set(ids).size).toBe(50);
    // Reading again gives the same identifier: it is stored, not derived per read.
    expect(await holderIdOf(db, 'u0')).toBe(ids[0]);
    expect(await holderIdOf(db, 'nobody')).toBeNull();
  });

  it('gives users created later an identifier of their own, and refuses a duplicate', async () => {
    t = await tempDb();
    const { db } = t;
    const ann = await createUser(db, { email: 'ann@example.com', name: 'Ann', passwordHash: 'x' });
    const bob = await createUser(db, { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' });
    expect(await holderIdOf(db, ann.id)).toMatch(UUID_URN);
    expect(await holderIdOf(db, bob.id)).toMatch(UUID_URN);
    expect(await holderIdOf(db, ann.id)).not.toBe(await holderIdOf(db, bob.id));
    // A holder who brings their own identifier (a DID) keeps it; nobody else may take it.
    await db.run("UPDATE users SET holder_id = 'did:example:ann' WHERE id = ?", ann.id);
    expect(await holderIdOf(db, ann.id)).toBe('did:example:ann');
    await expect(db.run("UPDATE users SET holder_id = 'did:example:ann' WHERE id = ?", bob.id)).rejects.toThrow(/UNIQUE|unique constraint/i);
  });
});
