// Waiving a level's holding period for a cohort (certification.json: prerequisites.level.waivable):
// which levels of the cohort's program allow it, which the cohort has waived, and changing that. Only
// the cohort's instructor or an admin may change it (requireCohortAccess); every change is audited.
import type { SessionUser } from '../auth/roles.ts';
import type { Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { getUser } from '../db/users.ts';
import { cohortWaivers, setCohortWaiver } from '../db/waivers.ts';
import { HttpError } from '../http.ts';
import { levelName } from '../../lib/ladder-names.ts';
import type { Certification } from '../../lib/schemas/certification.ts';
import { requireCohortAccess } from './access.ts';

export interface WaiverState {
  /** The level whose holding period may be waived. */
  level: string;
  levelName: string;
  /** The level that must be held first, and for how long. */
  requiredName: string;
  months: number;
  waived: boolean;
  waivedAt: number | null;
  waivedBy: string | null;
}

/** The cohort's waivable holding periods and whether each is waived. */
export async function waiverStates(db: Db, cohort: Pick<Cohort, 'id'>, certification: Certification | null): Promise<WaiverState[]> {
  if (!certification) return [];
  const current = new Map((await cohortWaivers(db, cohort.id)).map((w) => [w.level, w]));
  const states: WaiverState[] = [];
  for (const level of certification.levels) {
    const required = level.prerequisites.level;
    if (!required?.waivable || required.heldForMonths === 0) continue;
    const w = current.get(level.id);
    states.push({
        level: level.id,
        levelName: level.name,
        requiredName: levelName(certification, required.id),
        months: required.heldForMonths,
        waived: w !== undefined,
        waivedAt: w?.waivedAt ?? null,
        waivedBy: w ? ((await getUser(db, w.waivedBy))?.name ?? null) : null,
    });
  }
  return states;
}

/** Parses the waiver a form or JSON body asks for: a level id and whether it is waived. */
export function parseWaiverChange(body: { level?: unknown; waived?: unknown }): { level: string; waived: boolean } {
  const level = typeof body.level === 'string' ? body.level : '';
  const waived = body.waived === true || body.waived === 'true' || body.waived === '1' ? true : body.waived === false || body.waived === 'false' || body.waived === '0' ? false : null;
  if (!level || waived === null) throw new HttpError(400, 'invalid_input', 'Send {level: "<level id>", waived: true | false}.');
  return { level, waived };
}

/** Waives or reinstates a level's holding period for the cohort; instructor of the cohort or admin only. */
export async function changeWaiver(
  db: Db,
  user: SessionUser,
  cohortId: string,
  certification: Certification | null,
  change: { level: string; waived: boolean },
  now: number,
): Promise<{ changed: boolean; waivers: WaiverState[] }> {
  const cohort = await requireCohortAccess(db, cohortId, user);
  const states = await waiverStates(db, cohort, certification);
  if (!states.some((s) => s.level === change.level)) {
    throw new HttpError(400, 'not_waivable', `"${change.level.slice(0, 60)}" has no holding period that can be waived; waivable levels: ${states.map((s) => `"${s.level}"`).join(', ') || 'none'}.`);
  }
  const changed = await setCohortWaiver(db, { cohortId: cohort.id, level: change.level, waived: change.waived, actorId: user.id, now });
  return { changed, waivers: await waiverStates(db, cohort, certification) };
}
