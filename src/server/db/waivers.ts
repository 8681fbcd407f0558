// Cohort waivers of a level's holding period (migration 018): which levels a cohort waived, by whom
// and when, and the levels waived for a learner through any of their cohorts of a program. Every
// change is written to audit_log in the same transaction. Who may change one: cohorts/waivers.ts.
import type { Db } from './open.ts';

export interface CohortWaiver {
  level: string;
  waivedBy: string;
  waivedAt: number;
}

export async function cohortWaivers(db: Db, cohortId: string): Promise<CohortWaiver[]> {
  return (
    await db.all('SELECT level, waived_by, waived_at FROM cohort_waivers WHERE cohort_id = ? ORDER BY level', cohortId) as { level: string; waived_by: string; waived_at: number }[]
  ).map((r) => ({ level: r.level, waivedBy: r.waived_by, waivedAt: r.waived_at }));
}

/** Levels whose holding period is waived for this learner by a cohort of theirs in this program. */
export async function waivedLevelsOf(db: Db, userId: string, program: string): Promise<string[]> {
  return (
    await db.all(`SELECT DISTINCT w.level FROM cohort_waivers w
         JOIN cohort_members m ON m.cohort_id = w.cohort_id AND m.user_id = ?
         JOIN cohorts c ON c.id = w.cohort_id AND c.program = ?`, userId, program) as { level: string }[]
  ).map((r) => r.level);
}

/** Grants or withdraws a waiver (audited); false when it already was as asked. */
export async function setCohortWaiver(db: Db, input: { cohortId: string; level: string; waived: boolean; actorId: string; now: number }): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const changed = input.waived
      ? (await tx.run('INSERT INTO cohort_waivers (cohort_id, level, waived_by, waived_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', input.cohortId, input.level, input.actorId, input.now)).changes
      : (await tx.run('DELETE FROM cohort_waivers WHERE cohort_id = ? AND level = ?', input.cohortId, input.level)).changes;
    if (changed > 0) {
      await tx.run('INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, ?, ?, ?, ?)', input.actorId,
        input.waived ? 'cohort.waiver.grant' : 'cohort.waiver.withdraw',
        input.cohortId,
        JSON.stringify({ level: input.level }),
        input.now);
    }
    return changed > 0;
  });
}
