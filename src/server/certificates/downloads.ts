// The files a certificate's holder takes away, as the verification page offers them to whoever may
// have them (requireCertificateReader's rule: the holder, their instructors and admins): the
// printable PDF, the signed Open Badges 3.0 credential (VC-JWT) and the baked badge (the badge
// image with that credential inside). /me and the results page link the same three addresses.
import type { Db } from '../db/open.ts';
import type { SessionUser } from '../auth/roles.ts';
import { getCertificate } from '../db/certificates.ts';
import { canManage } from './manage.ts';

export interface CertificateDownload {
  kind: 'pdf' | 'credential' | 'badge';
  href: string;
  label: string;
  /** What the file is, for the link's accessible description. */
  hint: string;
}

export function certificateDownloads(id: string): CertificateDownload[] {
  const path = encodeURIComponent(id);
  return [
    { kind: 'pdf', href: `/certificates/${path}.pdf`, label: 'Download PDF', hint: 'The printable certificate.' },
    { kind: 'credential', href: `/api/certificates/${path}/credential`, label: 'Digital credential (Open Badges 3.0)', hint: 'The signed credential as a JWT file, for digital wallets.' },
    { kind: 'badge', href: `/certificates/${path}.svg`, label: 'Baked badge (SVG)', hint: 'The badge image with the signed credential inside, for badge backpacks and profiles.' },
  ];
}

/** The downloads `user` may have of certificate `id`: all of them for its readers, none for anyone else. */
export async function downloadsFor(db: Db, id: string, user: SessionUser | null): Promise<CertificateDownload[]> {
  if (!user) return [];
  const record = await getCertificate(db, id);
  if (!record || (record.userId !== user.id && !await canManage(db, record, user))) return [];
  return certificateDownloads(record.id);
}
