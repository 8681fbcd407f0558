// Certificate records: issued on a passed attempt, revocable with a reason (audited), each holding
// a randomly assigned bit in one of the published revocation status lists. A list that fills is
// followed by a new one, so issuing never stops; each list keeps the size it was created with.
import { randomInt } from 'node:crypto';
import type { Db } from './open.ts';
import { named } from './named.ts';
import { newSecretId } from '../ids.ts';
import { readCertificateBreakdown, type CertificateBreakdown } from '../../lib/contracts/attempt-breakdown.ts';

/** Entries of a new status list unless configured (STATUS_LIST_SIZE): 16 KiB, the spec's minimum for herd privacy. */
export const STATUS_LIST_SIZE = 131_072;

export interface CertificateRecord {
  id: string;
  userId: string;
  attemptId: string;
  program: string;
  level: string;
  /** The exam's distinction mark was earned ("with distinction"). */
  distinction: boolean;
  learnerName: string;
  learnerEmail: string;
  score: number;
  breakdown: CertificateBreakdown;
  issuedAt: number;
  expiresAt: number | null;
  /** Which status list holds this certificate's bit (1, 2, …). */
  statusList: number;
  statusIndex: number;
  revokedAt: number | null;
  revokedReason: string | null;
  /** The certificate that replaced this one when it was re-issued (it is then revoked as superseded). */
  supersededBy: string | null;
  pdfPath: string | null;
  /** The holder deleted their account (migration 023): the record no longer names them. */
  holderDeletedAt: number | null;
  /** Revoked because the holder withdrew it when deleting their account. */
  withdrawn: boolean;
}

interface Raw {
  id: string;
  user_id: string;
  attempt_id: string;
  program: string;
  level: string;
  distinction: number;
  learner_name: string;
  learner_email: string;
  score: number;
  breakdown: string;
  issued_at: number;
  expires_at: number | null;
  status_list: number;
  status_index: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  superseded_by: string | null;
  pdf_path: string | null;
  holder_deleted_at: number | null;
  withdrawn: number;
}

const toRecord = (r: Raw): CertificateRecord => ({
  id: r.id,
  userId: r.user_id,
  attemptId: r.attempt_id,
  program: r.program,
  level: r.level,
  distinction: r.distinction === 1,
  learnerName: r.learner_name,
  learnerEmail: r.learner_email,
  score: r.score,
  breakdown: readCertificateBreakdown(r.breakdown),
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  statusList: r.status_list,
  statusIndex: r.status_index,
  revokedAt: r.revoked_at,
  revokedReason: r.revoked_reason,
  supersededBy: r.superseded_by,
  pdfPath: r.pdf_path,
  holderDeletedAt: r.holder_deleted_at,
  withdrawn: r.withdrawn === 1,
});

export interface StatusList {
  id: number;
  size: number;
}

export async function statusLists(db: Db): Promise<StatusList[]> {
  return await db.all('SELECT id, size FROM status_lists ORDER BY id') as StatusList[];
}

export async function getStatusList(db: Db, id: number): Promise<StatusList | null> {
  return (await db.get('SELECT id, size FROM status_lists WHERE id = ?', id) as StatusList | undefined) ?? null;
}

/** The newest list while it has room, else a new one of `newListSize` entries; with its bits in use. */
async function listWithRoom(db: Db, newListSize: number): Promise<StatusList & { used: number }> {
  const newest = await db.get('SELECT id, size FROM status_lists ORDER BY id DESC LIMIT 1') as StatusList | undefined;
  if (newest) {
    const used = (await db.get('SELECT COUNT(*) AS n FROM certificates WHERE status_list = ?', newest.id) as { n: number }).n;
    if (used < newest.size) return { ...newest, used };
  }
  const id = (newest?.id ?? 0) + 1;
  await db.run('INSERT INTO status_lists (id, size, created_at) VALUES (?, ?, ?)', id, newListSize, Date.now());
  return { id, size: newListSize, used: 0 };
}

/** A random free bit of a list with room (random, so a bit says nothing about issue order). */
async function freeStatusBit(db: Db, newListSize: number): Promise<{ list: number; index: number }> {
  const list = await listWithRoom(db, newListSize);
  // While at most half the list is used, a random probe is free at least half the time.
  if (list.used * 2 <= list.size) {
    const taken = 'SELECT 1 FROM certificates WHERE status_list = ? AND status_index = ?';
    for (let tries = 0; tries < 64; tries++) {
      const candidate = randomInt(list.size);
      if (!await db.get(taken, list.id, candidate)) return { list: list.id, index: candidate };
    }
  }
  // A fuller list: a random one of the free runs' first bits (0 when free, else right after a used one).
  const gap = await db.get(...named(`SELECT i FROM (SELECT 0 AS i WHERE NOT EXISTS (SELECT 1 FROM certificates WHERE status_list = @list AND status_index = 0)
       UNION ALL
       SELECT c.status_index + 1 AS i FROM certificates c
        WHERE c.status_list = @list AND c.status_index + 1 < @size
          AND NOT EXISTS (SELECT 1 FROM certificates d WHERE d.status_list = @list AND d.status_index = c.status_index + 1)) free
       ORDER BY random() LIMIT 1`, { list: list.id, size: list.size })) as { i: number } | undefined;
  if (!gap) throw new Error(`status list ${list.id} reported room but has no free bit`);
  return { list: list.id, index: gap.i };
}

/**
 * The hot spot every certificate issue shares: the free bit of the newest status list. A transaction
 * that may issue one names it (queueOn), so an exam's end, when many candidates submit at once,
 * issues one certificate after another instead of colliding over the same bit.
 */
export const STATUS_BITS = 'certificate status bits';

/**
 * Stores a new certificate with a free status bit (one transaction: it reads, then writes, the lists;
 * nested in the caller's transaction when there is one). `statusListSize` sizes a list it has to start.
 */
export async function insertCertificate(
  db: Db,
  input: Omit<CertificateRecord, 'id' | 'statusList' | 'statusIndex' | 'revokedAt' | 'revokedReason' | 'supersededBy' | 'pdfPath' | 'distinction' | 'holderDeletedAt' | 'withdrawn'> & { distinction?: boolean },
  statusListSize = STATUS_LIST_SIZE,
): Promise<CertificateRecord> {
  return await db.transaction(async (tx) => {
    const bit = await freeStatusBit(tx, statusListSize);
    const record: CertificateRecord = { ...input, distinction: input.distinction ?? false, id: newSecretId(), statusList: bit.list, statusIndex: bit.index, revokedAt: null, revokedReason: null, supersededBy: null, pdfPath: null, holderDeletedAt: null, withdrawn: false };
    await tx.run(`INSERT INTO certificates (id, user_id, attempt_id, program, level, distinction, learner_name, learner_email, score, breakdown, issued_at, expires_at, status_list, status_index)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, record.id,
      record.userId,
      record.attemptId,
      record.program,
      record.level,
      record.distinction ? 1 : 0,
      record.learnerName,
      record.learnerEmail,
      record.score,
      JSON.stringify(record.breakdown),
      record.issuedAt,
      record.expiresAt,
      record.statusList,
      record.statusIndex);
    return record;
  }, { queueOn: [STATUS_BITS] });
}

export async function getCertificate(db: Db, id: string): Promise<CertificateRecord | null> {
  const row = await db.get('SELECT * FROM certificates WHERE id = ?', id) as Raw | undefined;
  return row ? toRecord(row) : null;
}

export async function certificatesOf(db: Db, userId: string, program?: string): Promise<CertificateRecord[]> {
  const rows = (
    program
      ? await db.all('SELECT * FROM certificates WHERE user_id = ? AND program = ? ORDER BY issued_at DESC', userId, program)
      : await db.all('SELECT * FROM certificates WHERE user_id = ? ORDER BY issued_at DESC', userId)
  ) as Raw[];
  return rows.map(toRecord);
}

/** The certificate an attempt earned: a standing one before a revoked one, then the newest (a re-issue). */
export async function certificateIdOfAttempt(db: Db, attemptId: string): Promise<string | null> {
  const row = await db.get('SELECT id FROM certificates WHERE attempt_id = ? ORDER BY revoked_at IS NOT NULL, issued_at DESC LIMIT 1', attemptId) as { id: string } | undefined;
  return row?.id ?? null;
}

export async function certificatesOfCohort(db: Db, cohortId: string): Promise<(CertificateRecord & { cohortMember: true })[]> {
  const rows = await db.all('SELECT c.* FROM certificates c JOIN cohort_members m ON m.user_id = c.user_id AND m.cohort_id = ? ORDER BY c.issued_at DESC', cohortId) as Raw[];
  // A holder who deleted their account is on the roster as "Deleted learner"; their certificates name no one.
  return rows.map((r) => ({ ...toRecord(r), ...(r.holder_deleted_at !== null ? { learnerName: 'Deleted learner' } : {}), cohortMember: true as const }));
}

/** The certificates of an attempt that are not revoked, other than `exceptId`. */
export async function standingCertificatesOfAttempt(db: Db, attemptId: string, exceptId: string): Promise<string[]> {
  return (await db.all('SELECT id FROM certificates WHERE attempt_id = ? AND id != ? AND revoked_at IS NULL ORDER BY issued_at DESC', attemptId, exceptId) as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Revokes a standing certificate (audited); `supersededBy` names the re-issued certificate that replaces it. */
export async function revokeCertificate(db: Db, input: { id: string; reason: string; actorId: string; now?: number; supersededBy?: string }): Promise<boolean> {
  const now = input.now ?? Date.now();
  return await db.transaction(async (tx) => {
    const changed = (await tx.run('UPDATE certificates SET revoked_at = ?, revoked_reason = ?, revoked_by = ?, superseded_by = ? WHERE id = ? AND revoked_at IS NULL', now, input.reason, input.actorId, input.supersededBy ?? null, input.id)).changes;
    if (changed) {
      await tx.run("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, 'certificate.revoke', ?, ?, ?)", input.actorId,
        input.id,
        JSON.stringify({ reason: input.reason }),
        now);
    }
    return changed > 0;
  });
}

/** The revoked bits of one status list. */
export async function revokedIndexes(db: Db, list: number): Promise<number[]> {
  return (await db.all('SELECT status_index FROM certificates WHERE status_list = ? AND revoked_at IS NOT NULL', list) as { status_index: number }[]).map(
    (r) => r.status_index,
  );
}

