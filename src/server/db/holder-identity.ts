// Each user's holder identifier (users.holder_id, migration 022): the urn:uuid that is the subject
// of every credential they hold. Set for every account by the migration and the insert trigger.
import type { Db } from './open.ts';

/** The user's holder identifier; null for an unknown user or one whose identifier was erased. */
export async function holderIdOf(db: Db, userId: string): Promise<string | null> {
  const row = await db.get('SELECT holder_id FROM users WHERE id = ?', userId) as { holder_id: string | null } | undefined;
  return row?.holder_id ?? null;
}
