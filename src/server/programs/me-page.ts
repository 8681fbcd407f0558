// A learner's own page: progress per program, their cohorts, and their certificates with status.
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { progressSummary, type ProgramProgress } from '../content/summary.ts';
import { certificatesOf, type CertificateRecord } from '../db/certificates.ts';
import { cohortsOfMember } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';

export interface MePage {
  user: SessionUser;
  progress: ProgramProgress[];
  cohortNames: string[];
  /** Newest first. */
  certificates: (CertificateRecord & { status: CertificateStatus })[];
}

export async function mePage(db: Db, viewer: SessionUser | null, now = Date.now()): Promise<MePage> {
  const user = requireUser(viewer);
  return {
    user,
    progress: await progressSummary(db, user.id, now),
    cohortNames: cohortsOfMember(db, user.id).map((c) => c.name),
    certificates: certificatesOf(db, user.id).map((c) => ({ ...c, status: certificateStatus(c, now) })),
  };
}
