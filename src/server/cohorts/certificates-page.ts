// The certificates of a cohort's learners as their instructor manages them: each with its status,
// and the outcome of a revoke or re-issue posted from the page's plain forms.
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { parseReason, reissueManaged, revokeManaged, type CertificateChangeSettings } from '../certificates/manage.ts';
import { certificatesOfCohort, type CertificateRecord } from '../db/certificates.ts';
import type { Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { HttpError, readForm } from '../http.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';
import { requireCohortAccess } from './access.ts';

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export interface CohortCertificatesPage {
  cohort: Pick<Cohort, 'id' | 'name'>;
  /** The outcome of a posted change; its status is the page's. */
  notice: Notice | null;
  status: number;
  certificates: (CertificateRecord & { status: CertificateStatus })[];
}

/** Applies a posted revoke or re-issue to a certificate of this cohort; every refusal is an HttpError. */
async function applyChange(db: Db, settings: CertificateChangeSettings, user: SessionUser, cohort: Cohort, request: Request, now: number): Promise<Notice> {
  const form = await readForm(request);
  const id = form.get('certificate') ?? '';
  if (!certificatesOfCohort(db, cohort.id).some((c) => c.id === id)) throw new HttpError(404, 'not_found', 'That certificate does not belong to this cohort.');
  const action = form.get('action');
  if (action === 'revoke') {
    revokeManaged(db, user, id, parseReason(form.get('reason')), now, settings);
    return { kind: 'ok', text: 'Certificate revoked. The verification page and the status list show it now.' };
  }
  if (action === 'reissue') {
    const fresh = reissueManaged(db, user, id, now, settings);
    return { kind: 'ok', text: `Re-issued as ${fresh.id}; the old certificate is marked superseded.` };
  }
  throw new HttpError(400, 'invalid_action', 'Unknown action.');
}

export async function cohortCertificatesPage(
  db: Db,
  settings: CertificateChangeSettings,
  viewer: SessionUser | null,
  cohortId: string,
  request: Request,
  now = Date.now(),
): Promise<CohortCertificatesPage> {
  const user = requireUser(viewer);
  const cohort = requireCohortAccess(db, cohortId, user);
  let notice: Notice | null = null;
  let status = 200;
  if (request.method === 'POST') {
    try {
      notice = await applyChange(db, settings, user, cohort, request, now);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      notice = { kind: 'error', text: error.message };
      status = error.status;
    }
  }
  const certificates = certificatesOfCohort(db, cohort.id).map((c) => ({ ...c, status: certificateStatus(c, now) }));
  return { cohort: { id: cohort.id, name: cohort.name }, notice, status, certificates };
}
