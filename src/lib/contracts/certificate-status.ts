// Whether a certificate counts right now: the one rule behind the status badges, verification, the
// revocation-aware eligibility rules, the cohort report and "certified" on a learner's progress.
// Revocation wins over expiry; a certificate expires at its expiresAt instant (null: never).
// Pure: the browser may import it.

export type CertificateStatus = 'active' | 'expired' | 'revoked';

/** Storage rows say when it was revoked; the rules' summaries only whether it was. */
export type CertificateValidity = ({ revokedAt: number | null } | { revoked: boolean }) & { expiresAt: number | null };

function isRevoked(c: CertificateValidity): boolean {
  return 'revoked' in c ? c.revoked : c.revokedAt !== null;
}

export function certificateStatus(c: CertificateValidity, now: number): CertificateStatus {
  if (isRevoked(c)) return 'revoked';
  if (c.expiresAt !== null && c.expiresAt <= now) return 'expired';
  return 'active';
}

export function isCertificateActive(c: CertificateValidity, now: number): boolean {
  return certificateStatus(c, now) === 'active';
}
