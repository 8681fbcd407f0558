// Certificate records: issued on a passed attempt, revocable with a reason (audited), each holding
// a randomly assigned index in the published revocation status list.
import { randomInt } from 'node:crypto';
import { cached, type Db } from './open.ts';
import { newSecretId } from '../ids.ts';

export const STATUS_LIST_SIZE = 131_072;

export interface CertificateRecord {
  id: string;
  userId: string;
  attemptId: string;
  program: string;
  level: string;
  learnerName: string;
  learnerEmail: string;
  score: number;
  breakdown: unknown;
  issuedAt: number;
  expiresAt: number | null;
  statusIndex: number;
  revokedAt: number | null;
  revokedReason: string | null;
  pdfPath: string | null;
}

interface Raw {
  id: string;
  user_id: string;
  attempt_id: string;
  program: string;
  level: string;
  learner_name: string;
  learner_email: string;
  score: number;
  breakdown: string;
  issued_at: number;
  expires_at: number | null;
  status_index: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  pdf_path: string | null;
}

const toRecord = (r: Raw): CertificateRecord => ({
  id: r.id,
  userId: r.user_id,
  attemptId: r.attempt_id,
  program: r.program,
  level: r.level,
  learnerName: r.learner_name,
  learnerEmail: r.learner_email,
  score: r.score,
  breakdown: JSON.parse(r.breakdown) as unknown,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  statusIndex: r.status_index,
  revokedAt: r.revoked_at,
  revokedReason: r.revoked_reason,
  pdfPath: r.pdf_path,
});

export type CertificateStatus = 'active' | 'expired' | 'revoked';

export function certificateStatus(c: Pick<CertificateRecord, 'revokedAt' | 'expiresAt'>, now = Date.now()): CertificateStatus {
  if (c.revokedAt !== null) return 'revoked';
  if (c.expiresAt !== null && c.expiresAt <= now) return 'expired';
  return 'active';
}

function freeStatusIndex(db: Db): number {
  const taken = db.prepare('SELECT 1 FROM certificates WHERE status_index = ?');
  for (let tries = 0; tries < 64; tries++) {
    const candidate = randomInt(STATUS_LIST_SIZE);
    if (!taken.get(candidate)) return candidate;
  }
  const row = db.prepare('SELECT MAX(status_index) AS m FROM certificates').get() as { m: number | null };
  const next = (row.m ?? -1) + 1;
  if (next >= STATUS_LIST_SIZE) throw new Error('the revocation status list is full');
  return next;
}

export function insertCertificate(
  db: Db,
  input: Omit<CertificateRecord, 'id' | 'statusIndex' | 'revokedAt' | 'revokedReason' | 'pdfPath'>,
): CertificateRecord {
  const record: CertificateRecord = { ...input, id: newSecretId(), statusIndex: freeStatusIndex(db), revokedAt: null, revokedReason: null, pdfPath: null };
  db.prepare(
    `INSERT INTO certificates (id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, expires_at, status_index)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id,
    record.userId,
    record.attemptId,
    record.program,
    record.level,
    record.learnerName,
    record.learnerEmail,
    record.score,
    JSON.stringify(record.breakdown),
    record.issuedAt,
    record.expiresAt,
    record.statusIndex,
  );
  return record;
}

export function getCertificate(db: Db, id: string): CertificateRecord | null {
  const row = cached(db, 'SELECT * FROM certificates WHERE id = ?').get(id) as Raw | undefined;
  return row ? toRecord(row) : null;
}

export function certificatesOf(db: Db, userId: string, program?: string): CertificateRecord[] {
  const rows = (
    program
      ? db.prepare('SELECT * FROM certificates WHERE user_id = ? AND program = ? ORDER BY issued_at DESC').all(userId, program)
      : db.prepare('SELECT * FROM certificates WHERE user_id = ? ORDER BY issued_at DESC').all(userId)
  ) as Raw[];
  return rows.map(toRecord);
}

export function certificatesOfCohort(db: Db, cohortId: string): (CertificateRecord & { cohortMember: true })[] {
  const rows = db
    .prepare('SELECT c.* FROM certificates c JOIN cohort_members m ON m.user_id = c.user_id AND m.cohort_id = ? ORDER BY c.issued_at DESC')
    .all(cohortId) as Raw[];
  return rows.map((r) => ({ ...toRecord(r), cohortMember: true as const }));
}

export function revokeCertificate(db: Db, input: { id: string; reason: string; actorId: string; now?: number }): boolean {
  const now = input.now ?? Date.now();
  return db.transaction(() => {
    const changed = db
      .prepare('UPDATE certificates SET revoked_at = ?, revoked_reason = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now, input.reason, input.actorId, input.id).changes;
    if (changed) {
      db.prepare("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, 'certificate.revoke', ?, ?, ?)").run(
        input.actorId,
        input.id,
        JSON.stringify({ reason: input.reason }),
        now,
      );
    }
    return changed > 0;
  })();
}

export function revokedIndexes(db: Db): number[] {
  return (db.prepare('SELECT status_index FROM certificates WHERE revoked_at IS NOT NULL').all() as { status_index: number }[]).map((r) => r.status_index);
}

export function setCertificatePdf(db: Db, id: string, path: string): void {
  db.prepare('UPDATE certificates SET pdf_path = ? WHERE id = ?').run(path, id);
}
