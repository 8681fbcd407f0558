// What anyone may learn about a certificate from its id: status with dates and reason, the holder's
// display name (none once they deleted their account), the achievement and its criteria, the issuer
// and where the signed credential is downloaded. Never the email, the attempt or the answers.
// Pure: the caller supplies the program's content (Astro collections in pages, the disk loader in
// the server's verification fast path), so both answer with exactly the same JSON.
import type { CertificateRecord } from '../db/certificates.ts';
import { inProgramOrder } from '../../lib/skill-evidence.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';
import type { Certification } from '../../lib/schemas/certification.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { levelAchievement } from './achievement.ts';
import { credentialUrl } from './credential.ts';
import { issuerProfile, type IssuerProfile } from './vc-jwt.ts';

export interface PublicCertificate {
  id: string;
  status: CertificateStatus;
  /** The holder's display name; null when they deleted their account ("issued to a deleted account"). */
  holder: string | null;
  holderDeleted: boolean;
  /** Revoked because the holder withdrew it when they deleted their account. */
  withdrawn: boolean;
  program: { id: string; title: string };
  level: { id: string; name: string; description: string };
  score: number;
  skills: { skill: string; name: string; score: number }[];
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  /** Set when the certificate was re-issued: the id of the certificate that replaces it (status stays "revoked"). */
  supersededBy: string | null;
  achievement: { name: string; description: string; criteria: string };
  verifyUrl: string;
  /** Who issued it: the Open Badges issuer Profile the signed credential names. */
  issuer: IssuerProfile;
  /**
   * The signed Open Badges 3.0 credential (VC-JWT): `url` is also the credential's id. Its holder (and
   * their instructors) download it there signed in; a verifier gets it from the holder and checks it
   * against the issuer's JWKS and the status list, so the hashed email it carries is not published.
   */
  credential: { url: string; mediaType: 'application/vc+jwt' };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export interface CertificateContent {
  certification: Certification | undefined;
  program: Program | undefined;
}

export function publicCertificate(record: CertificateRecord, content: CertificateContent, origin: string, now = Date.now()): PublicCertificate {
  const { certification, program } = content;
  const achievement = levelAchievement(certification, record);
  const skillNames = new Map(program?.skillAreas.map((s) => [s.id, s.name]) ?? []);
  return {
    id: record.id,
    status: certificateStatus(record, now),
    holder: record.holderDeletedAt === null ? record.learnerName : null,
    holderDeleted: record.holderDeletedAt !== null,
    withdrawn: record.withdrawn,
    program: { id: record.program, title: program?.title ?? record.program },
    level: { id: record.level, name: achievement.title, description: achievement.description },
    score: record.score,
    skills: inProgramOrder(record.breakdown.skills, program).map((s) => ({ skill: s.skill, name: skillNames.get(s.skill) ?? s.skill, score: s.score })),
    issuedAt: new Date(record.issuedAt).toISOString(),
    expiresAt: iso(record.expiresAt),
    revokedAt: iso(record.revokedAt),
    revokedReason: record.revokedReason,
    supersededBy: record.supersededBy,
    achievement: { name: achievement.name, description: achievement.description, criteria: achievement.criteria },
    verifyUrl: `${origin}/verify/${record.id}`,
    issuer: issuerProfile(origin),
    credential: { url: credentialUrl(origin, record.id), mediaType: 'application/vc+jwt' },
  };
}
