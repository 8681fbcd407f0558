// Who may see and change a certificate, and the two changes staff can make: revoke with a reason
// (audited, and published in the revocation status list) and re-issue (a fresh certificate for the
// same passed attempt, e.g. after a name correction or a revocation made in error; a standing old
// one is revoked as superseded by the new one, a revoked one keeps its own reason).
import type { Db } from '../db/open.ts';
import type { SessionUser } from '../auth/roles.ts';
import { consume } from '../auth/rate-limit.ts';
import { getCertificate, insertCertificate, revokeCertificate, standingCertificatesOfAttempt, STATUS_BITS, STATUS_LIST_SIZE, type CertificateRecord } from '../db/certificates.ts';
import { getUser } from '../db/users.ts';
import { HttpError } from '../http.ts';

/** Admins manage every certificate; instructors those of learners in a cohort they own. */
export async function canManage(db: Db, record: CertificateRecord, user: SessionUser | null): Promise<boolean> {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'instructor') return false;
  return !!await db.get('SELECT 1 FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE m.user_id = ? AND c.owner_id = ? LIMIT 1', record.userId, user.id);
}

/** The holder and the staff who manage them may download the PDF and the signed credential. */
export async function requireCertificateReader(db: Db, id: string, user: SessionUser | null): Promise<CertificateRecord> {
  if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to download certificates.');
  const record = await getCertificate(db, id);
  // Same answer for "does not exist" and "not yours": nothing is learned about other learners.
  if (!record || (record.userId !== user.id && !await canManage(db, record, user))) {
    throw new HttpError(404, 'not_found', 'You have no certificate with this id.');
  }
  return record;
}

/** How many certificate changes one staff member may make, and how new status lists are sized. */
export interface CertificateChangeSettings {
  /** Revocations plus re-issues per actor per hour (CERTIFICATE_CHANGES_PER_HOUR). */
  changesPerHour: number;
  /** Entries of a status list started when the current one fills (STATUS_LIST_SIZE). */
  statusListSize: number;
}

export const DEFAULT_CHANGE_SETTINGS: CertificateChangeSettings = { changesPerHour: 60, statusListSize: STATUS_LIST_SIZE };

/**
 * Every revocation and re-issue uses a status bit or republishes a list: a staff member's changes are
 * limited per hour so a runaway script (or a stolen session) cannot churn through the lists.
 */
async function limitChanges(db: Db, user: SessionUser, settings: CertificateChangeSettings, now: number): Promise<void> {
  const limit = await consume(db, { bucket: 'certificate-change', limit: settings.changesPerHour, windowMs: 3_600_000 }, user.id, now);
  if (!limit.ok) {
    throw new HttpError(
      429,
      'rate_limited',
      `You have revoked or re-issued ${settings.changesPerHour} certificates this hour, the most one person may; try again in ${Math.ceil(limit.retryAfterSeconds / 60)} min.`,
      { headers: { 'retry-after': String(limit.retryAfterSeconds) } },
    );
  }
}

async function requireManaged(db: Db, id: string, user: SessionUser | null): Promise<CertificateRecord> {
  const record = await getCertificate(db, id);
  if (!record) throw new HttpError(404, 'not_found', 'No certificate has this id.');
  if (!await canManage(db, record, user)) throw new HttpError(403, 'forbidden', 'Only the learner’s instructor or an admin can change this certificate.');
  return record;
}

export function parseReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < 3 || reason.length > 500) throw new HttpError(400, 'invalid_reason', 'Give a reason of 3 to 500 characters.');
  return reason;
}

export async function revokeManaged(db: Db, user: SessionUser, id: string, reason: string, now = Date.now(), settings = DEFAULT_CHANGE_SETTINGS): Promise<CertificateRecord> {
  const record = await requireManaged(db, id, user);
  if (record.revokedAt !== null) throw new HttpError(409, 'already_revoked', 'This certificate is already revoked.');
  await limitChanges(db, user, settings, now);
  if (!await revokeCertificate(db, { id, reason, actorId: user.id, now })) throw new HttpError(409, 'already_revoked', 'This certificate is already revoked.');
  return await getCertificate(db, id) ?? record;
}

export async function reissueManaged(db: Db, user: SessionUser, id: string, now = Date.now(), settings = DEFAULT_CHANGE_SETTINGS): Promise<CertificateRecord> {
  const old = await requireManaged(db, id, user);
  // A re-issue is made out to the holder's account as it is now; a deleted account has no one to name.
  if (old.holderDeletedAt !== null) throw new HttpError(409, 'holder_deleted', 'The holder of this certificate deleted their account, so it cannot be re-issued.');
  // One standing certificate per attempt: re-issuing an old one while its replacement stands would
  // put two valid certificates in circulation for one result.
  const standing = (await standingCertificatesOfAttempt(db, old.attemptId, old.id))[0];
  if (standing) {
    throw new HttpError(409, 'already_reissued', `This result already has a standing certificate (${standing}); re-issue or revoke that one instead.`);
  }
  await limitChanges(db, user, settings, now);
  const holder = await getUser(db, old.userId);
  return await db.transaction(async (tx) => {
    const fresh = await insertCertificate(tx, {
      userId: old.userId,
      attemptId: old.attemptId,
      program: old.program,
      level: old.level,
      distinction: old.distinction,
      learnerName: holder?.name ?? old.learnerName,
      learnerEmail: holder?.email ?? old.learnerEmail,
      score: old.score,
      breakdown: old.breakdown,
      issuedAt: now,
      expiresAt: old.expiresAt,
    }, settings.statusListSize);
    // A standing certificate is retired as superseded; a revoked one keeps the reason it was revoked for.
    if (old.revokedAt === null) await revokeCertificate(tx, { id: old.id, reason: `Superseded by re-issued certificate ${fresh.id}`, actorId: user.id, now, supersededBy: fresh.id });
    await tx.run("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, 'certificate.reissue', ?, ?, ?)", user.id,
      old.id,
      JSON.stringify({ replacement: fresh.id, afterRevocation: old.revokedAt !== null }),
      now);
    return fresh;
  }, { queueOn: [STATUS_BITS] });
}
