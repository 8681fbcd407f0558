// The certificates of a cohort's learners as their instructor manages them: each with its status
// (and its successor when it was re-issued), searchable by learner name, email or certificate id
// (?q=, a plain GET form), and the outcome of a revoke or re-issue posted from the page's plain
// forms. Revoking takes two steps: the first post only asks for confirmation (the browser's dialog
// does that step with JavaScript; without it the page shows the question), the second revokes.
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { parseReason, reissueManaged, revokeManaged, type CertificateChangeSettings } from '../certificates/manage.ts';
import { certificatesOfCohort, type CertificateRecord } from '../db/certificates.ts';
import type { Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { HttpError, readForm } from '../http.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';
import { getCertification } from '../content/catalog.ts';
import { requireCohortAccess } from './access.ts';

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

/** A revocation asked for and not yet confirmed: what the confirmation step shows and posts back. */
export interface PendingRevocation {
  certificate: Pick<CertificateRecord, 'id' | 'learnerName' | 'learnerEmail' | 'level'> & { levelName: string };
  reason: string;
}

export interface ManagedCertificate extends CertificateRecord {
  /** The level's name from certification.json (its id if the level is gone). */
  levelName: string;
  status: CertificateStatus;
  /** Whether a re-issue is allowed: no other certificate for the same result stands. */
  reissuable: boolean;
}

export interface CohortCertificatesPage {
  cohort: Pick<Cohort, 'id' | 'name'>;
  /** The outcome of a posted change; its status is the page's. */
  notice: Notice | null;
  status: number;
  /** Headers of a refusal (Retry-After when the hourly limit of changes is reached). */
  headers: Record<string, string>;
  pending: PendingRevocation | null;
  /** The search text (?q=), trimmed; empty for the whole list. */
  query: string;
  /** The cohort's certificates matching the search, newest first. */
  certificates: ManagedCertificate[];
  /** How many certificates the cohort has in all. */
  total: number;
}

const MAX_QUERY = 100;

/** Case-insensitive match of the learner's name or email, or of the certificate id. */
export function matchesCertificate(record: Pick<CertificateRecord, 'id' | 'learnerName' | 'learnerEmail'>, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return record.learnerName.toLowerCase().includes(needle) || record.learnerEmail.toLowerCase().includes(needle) || record.id.toLowerCase().includes(needle);
}

type Outcome = { notice: Notice; pending?: undefined } | { pending: PendingRevocation; notice?: undefined };

/** Applies a posted revoke or re-issue to a certificate of this cohort; every refusal is an HttpError. */
async function applyChange(db: Db, settings: CertificateChangeSettings, user: SessionUser, cohort: Cohort, request: Request, now: number): Promise<Outcome> {
  const form = await readForm(request);
  const id = form.get('certificate') ?? '';
  const record = (await certificatesOfCohort(db, cohort.id)).find((c) => c.id === id);
  if (!record) throw new HttpError(404, 'not_found', 'That certificate does not belong to this cohort.');
  const action = form.get('action');
  if (action === 'revoke') {
    const reason = parseReason(form.get('reason'));
    if (form.get('confirmed') !== 'yes') {
      if (record.revokedAt !== null) throw new HttpError(409, 'already_revoked', 'This certificate is already revoked.');
      const levels = (await getCertification(cohort.program))?.levels ?? [];
      const levelName = levels.find((l) => l.id === record.level)?.name ?? record.level;
      return { pending: { certificate: { id: record.id, learnerName: record.learnerName, learnerEmail: record.learnerEmail, level: record.level, levelName }, reason } };
    }
    await revokeManaged(db, user, id, reason, now, settings);
    return { notice: { kind: 'ok', text: 'Certificate revoked. The verification page and the status list show it now.' } };
  }
  if (action === 'reissue') {
    const fresh = await reissueManaged(db, user, id, now, settings);
    const text =
      record.revokedAt === null
        ? `Re-issued as ${fresh.id}; the old certificate is marked superseded.`
        : `Re-issued as ${fresh.id}; the revoked certificate stays revoked.`;
    return { notice: { kind: 'ok', text } };
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
  const cohort = await requireCohortAccess(db, cohortId, user);
  const query = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY);
  let notice: Notice | null = null;
  let pending: PendingRevocation | null = null;
  let status = 200;
  let headers: Record<string, string> = {};
  if (request.method === 'POST') {
    try {
      const outcome = await applyChange(db, settings, user, cohort, request, now);
      notice = outcome.notice ?? null;
      pending = outcome.pending ?? null;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      notice = { kind: 'error', text: error.message };
      status = error.status;
      headers = error.headers;
    }
  }
  const all = await certificatesOfCohort(db, cohort.id);
  const levels = (await getCertification(cohort.program))?.levels ?? [];
  const levelName = (id: string): string => levels.find((l) => l.id === id)?.name ?? id;
  const standingByAttempt = new Map<string, number>();
  for (const c of all) if (c.revokedAt === null) standingByAttempt.set(c.attemptId, (standingByAttempt.get(c.attemptId) ?? 0) + 1);
  const certificates = all
    .filter((c) => matchesCertificate(c, query))
    .map((c) => {
      const othersStanding = (standingByAttempt.get(c.attemptId) ?? 0) - (c.revokedAt === null ? 1 : 0);
      return { ...c, levelName: levelName(c.level), status: certificateStatus(c, now), reissuable: othersStanding === 0 };
    });
  return { cohort: { id: cohort.id, name: cohort.name }, notice, status, headers, pending, query, certificates, total: all.length };
}
