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
export function waiverStates(db: Db, cohort: Pick<Cohort, 'id'>, certification: Certification | null): WaiverState[] {
  if (!certification) return [];
  const current = new Map(cohortWaivers(db, cohort.id).map((w) => [w.level, w]));
  return certification.levels.flatMap((level) => {
    const required = level.prerequisites.level;
    if (!required?.waivable || required.heldForMonths === 0) return [];
    const w = current.get(level.id);
    return [
      {
        level: level.id,
        levelName: level.name,
        requiredName: levelName(certification, required.id),
        months: required.heldForMonths,
        waived: w !== undefined,
        waivedAt: w?.waivedAt ?? null,
        waivedBy: w ? (getUser(db, w.waivedBy)?.name ?? null) : null,
      },
    ];
  });
}

/** Parses the waiver a form or JSON body asks for: a level id and whether it is waived. */
export function parseWaiverChange(body: { level?: unknown; waived?: unknown }): { level: string; waived: boolean } {
  const level = typeof body.level === 'string' ? body.level : '';
  const waived = body.waived === true || body.waived === 'true' || body.waived === '1' ? true : body.waived === false || body.waived === 'false' || body.waived === '0' ? false : null;
  if (!level || waived === null) throw new HttpError(400, 'invalid_input', 'Send {level: "<level id>", waived: true | false}.');
  return { level, waived };
}

/** Waives or reinstates a level's holding period for the cohort; instructor of the cohort or admin only. */
export function changeWaiver(
  db: Db,
  user: SessionUser,
  cohortId: string,
  certification: Certification | null,
  change: { level: string; waived: boolean },
  now: number,
): { changed: boolean; waivers: WaiverState[] } {
  const cohort = requireCohortAccess(db, cohortId, user);
  const states = waiverStates(db, cohort, certification);
  if (!states.some((s) => s.level === change.level)) {
    throw new HttpError(400, 'not_waivable', `"${change.level.slice(0, 60)}" has no holding period that can be waived; waivable levels: ${states.map((s) => `"${s.level}"`).join(', ') || 'none'}.`);
  }
  const changed = setCohortWaiver(db, { cohortId: cohort.id, level: change.level, waived: change.waived, actorId: user.id, now });
  return { changed, waivers: waiverStates(db, cohort, certification) };
}
