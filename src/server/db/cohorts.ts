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
export function insertCohort(
  db: Db,
  input: { name: string; program: string; ownerId: string; sessionDates: string[]; now?: number },
): Cohort {
  const cohort: Cohort = {
    id: newId(),
    name: input.name,
    program: input.program,
    ownerId: input.ownerId,
    joinCode: newJoinCode(),
    sessionDates: input.sessionDates,
    createdAt: input.now ?? Date.now(),
  };
  db.prepare(
    'INSERT INTO cohorts (id, name, program, owner_id, join_code, session_dates, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(cohort.id, cohort.name, cohort.program, cohort.ownerId, cohort.joinCode, JSON.stringify(cohort.sessionDates), cohort.createdAt);
  return cohort;
}

export function getCohort(db: Db, id: string): Cohort | null {
  const row = db.prepare('SELECT * FROM cohorts WHERE id = ?').get(id) as CohortRow | undefined;
  return row ? toCohort(row) : null;
}

export function findCohortByCode(db: Db, code: string): Cohort | null {
  const row = db.prepare('SELECT * FROM cohorts WHERE join_code = ?').get(code.trim().toUpperCase()) as CohortRow | undefined;
  return row ? toCohort(row) : null;
}

/** Joining twice is harmless. */
export function addCohortMember(db: Db, cohortId: string, userId: string, now = Date.now()): void {
  db.prepare('INSERT OR IGNORE INTO cohort_members (cohort_id, user_id, joined_at) VALUES (?, ?, ?)').run(cohortId, userId, now);
}

/** True when the user was a member (and no longer is). */
export function removeCohortMember(db: Db, cohortId: string, userId: string): boolean {
  return db.prepare('DELETE FROM cohort_members WHERE cohort_id = ? AND user_id = ?').run(cohortId, userId).changes > 0;
}

export function isCohortMember(db: Db, cohortId: string, userId: string): boolean {
  return db.prepare('SELECT 1 FROM cohort_members WHERE cohort_id = ? AND user_id = ?').get(cohortId, userId) !== undefined;
}

/** Newest first. */
export function listCohorts(db: Db): Cohort[] {
  return (db.prepare('SELECT * FROM cohorts ORDER BY created_at DESC').all() as CohortRow[]).map(toCohort);
}

/** Newest first. */
export function cohortsOwnedBy(db: Db, ownerId: string): Cohort[] {
  return (db.prepare('SELECT * FROM cohorts WHERE owner_id = ? ORDER BY created_at DESC').all(ownerId) as CohortRow[]).map(toCohort);
}

export function cohortsOfMember(db: Db, userId: string): Cohort[] {
  const rows = db
    .prepare('SELECT c.* FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id WHERE m.user_id = ? ORDER BY m.joined_at')
    .all(userId) as CohortRow[];
  return rows.map(toCohort);
}

export function memberCount(db: Db, cohortId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM cohort_members WHERE cohort_id = ?').get(cohortId) as { n: number }).n;
}

/** True when `instructorId` runs a cohort of `program` that `learnerId` is a member of. */
export function teachesLearner(db: Db, instructorId: string, learnerId: string, program: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id AND m.user_id = ? WHERE c.owner_id = ? AND c.program = ? LIMIT 1')
      .get(learnerId, instructorId, program) !== undefined
  );
}
