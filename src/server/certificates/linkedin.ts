// LinkedIn's "Add to profile" link for a certification: a plain link (no LinkedIn script on our pages)
// that opens the member's "Add license or certification" form filled in. Parameters as LinkedIn's
// Add to Profile for Certifications documents them: startTask=CERTIFICATION_NAME, name,
// organizationName (or organizationId, which needs a LinkedIn company page we do not assume),
// issueYear/issueMonth, expirationYear/expirationMonth (left out: "does not expire"), certUrl (the
// public verification page) and certId. Months are 1–12 in UTC, the zone every date we issue is in.
// The holder's own name is never part of it. Pure.
import type { CertificateRecord } from '../db/certificates.ts';
import { ISSUER_NAME } from './vc-jwt.ts';

export const LINKEDIN_ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

export interface LinkedInCertification {
  /** The certification's name as it should read on the profile. */
  name: string;
  organizationName: string;
  issuedAt: number;
  /** Null: the certification does not expire. */
  expiresAt: number | null;
  /** The public page anyone can check it at. */
  certUrl: string;
  certId: string;
}

export function linkedInAddUrl(c: LinkedInCertification): string {
  const issued = new Date(c.issuedAt);
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: c.name,
    organizationName: c.organizationName,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
  });
  if (c.expiresAt !== null) {
    const expires = new Date(c.expiresAt);
    params.set('expirationYear', String(expires.getUTCFullYear()));
    params.set('expirationMonth', String(expires.getUTCMonth() + 1));
  }
  params.set('certUrl', c.certUrl);
  params.set('certId', c.certId);
  return `${LINKEDIN_ADD_TO_PROFILE}?${params}`;
}

/** The link for one of our certificates: "<program> — <certificate title>", issued by the platform. */
export function linkedInForCertificate(record: Pick<CertificateRecord, 'id' | 'issuedAt' | 'expiresAt'>, titles: { program: string; certificate: string }, origin: string): string {
  return linkedInAddUrl({
    name: `${titles.program} — ${titles.certificate}`,
    organizationName: ISSUER_NAME,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    certUrl: `${origin}/verify/${encodeURIComponent(record.id)}`,
    certId: record.id,
  });
}
