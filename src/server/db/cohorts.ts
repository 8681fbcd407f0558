// Cohort rows and their members. Who may create, join or see a cohort is decided in server/cohorts/.
import type { Db } from './open.ts';
import { newId } from '../ids.ts';
import { randomInt } from 'node:crypto';

export interface Cohort {
  id: string;
  name: string;
  program: string;
  ownerId: string;
  joinCode: string;
  sessionDates: string[];
  createdAt: number;
}

interface CohortRow {
  id: string;
  name: string;
  program: string;
  owner_id: string;
  join_code: string;
  session_dates: string;
  created_at: number;
}

const toCohort = (r: CohortRow): Cohort => ({
  id: r.id,
  name: r.name,
  program: r.program,
  ownerId: r.owner_id,
  joinCode: r.join_code,
  sessionDates: JSON.parse(r.session_dates) as string[],
  createdAt: r.created_at,
});

// No 0/O/1/I/L: codes are read aloud and typed from slides.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Stores a new cohort with a fresh join code (input already validated: server/cohorts/create.ts). */
export async function insertCohort(
  db: Db,
  input: { name: string; program: string; ownerId: string; sessionDates: string[]; now?: number },
): Promise<Cohort> {
  const cohort: Cohort = {
    id: newId(),
    name: input.name,
    program: input.program,
    ownerId: input.ownerId,
    joinCode: newJoinCode(),
    sessionDates: input.sessionDates,
    createdAt: input.now ?? Date.now(),
  };
  await db.run('INSERT INTO cohorts (id, name, program, owner_id, join_code, session_dates, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', cohort.id, cohort.name, cohort.program, cohort.ownerId, cohort.joinCode, JSON.stringify(cohort.sessionDates), cohort.createdAt);
  return cohort;
}

export async function getCohort(db: Db, id: string): Promise<Cohort | null> {
  const row = await db.get('SELECT * FROM cohorts WHERE id = ?', id) as CohortRow | undefined;
  return row ? toCohort(row) : null;
}

export async function findCohortByCode(db: Db, code: string): Promise<Cohort | null> {
  const row = await db.get('SELECT * FROM cohorts WHERE join_code = ?', code.trim().toUpperCase()) as CohortRow | undefined;
  return row ? toCohort(row) : null;
}

/** Joining twice is harmless. */
export async function addCohortMember(db: Db, cohortId: string, userId: string, now = Date.now()): Promise<void> {
  await db.run('INSERT INTO cohort_members (cohort_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', cohortId, userId, now);
}

/** True when the user was a member (and no longer is). */
export async function removeCohortMember(db: Db, cohortId: string, userId: string): Promise<boolean> {
  return (await db.run('DELETE FROM cohort_members WHERE cohort_id = ? AND user_id = ?', cohortId, userId)).changes > 0;
}

export async function isCohortMember(db: Db, cohortId: string, userId: string): Promise<boolean> {
  return await db.get('SELECT 1 FROM cohort_members WHERE cohort_id = ? AND user_id = ?', cohortId, userId) !== undefined;
}

/** Newest first. */
export async function listCohorts(db: Db): Promise<Cohort[]> {
  return (await db.all('SELECT * FROM cohorts ORDER BY created_at DESC') as CohortRow[]).map(toCohort);
}

/** Newest first. */
export async function cohortsOwnedBy(db: Db, ownerId: string): Promise<Cohort[]> {
  return (await db.all('SELECT * FROM cohorts WHERE owner_id = ? ORDER BY created_at DESC', ownerId) as CohortRow[]).map(toCohort);
}

export async function cohortsOfMember(db: Db, userId: string): Promise<Cohort[]> {
  const rows = await db.all('SELECT c.* FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id WHERE m.user_id = ? ORDER BY m.joined_at', userId) as CohortRow[];
  return rows.map(toCohort);
}

export async function memberCount(db: Db, cohortId: string): Promise<number> {
  return (await db.get('SELECT COUNT(*) AS n FROM cohort_members WHERE cohort_id = ?', cohortId) as { n: number }).n;
}

/** True when `instructorId` runs a cohort of `program` that `learnerId` is a member of. */
export async function teachesLearner(db: Db, instructorId: string, learnerId: string, program: string): Promise<boolean> {
  return (
    await db.get('SELECT 1 FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id AND m.user_id = ? WHERE c.owner_id = ? AND c.program = ? LIMIT 1', learnerId, instructorId, program) !== undefined
  );
}
