// The badge images a certificate's credential points at, from the program's content: each level's
// badge (achievement.image, the same for every holder), a certificate's own badge naming its holder
// (the credential's image), and the baked badge (that image carrying the signed credential, which
// the holder downloads beside the PDF and the JWT, and the data export packs).
import type { App } from '../app.ts';
import type { CertificateRecord } from '../db/certificates.ts';
import { HttpError } from '../http.ts';
import { levelAchievement } from './achievement.ts';
import { credentialJwt } from './artefacts.ts';
import { renderBadgeSvg, renderIssuerLogoSvg, type BadgeFace } from './badge-svg.ts';
import { certificateContent } from './content.ts';
import { ISSUER_NAME } from './vc-jwt.ts';

export const SVG_CONTENT_TYPE = 'image/svg+xml; charset=utf-8';

function tierOf(levels: readonly { id: string }[] | undefined, level: string): number {
  return Math.max(0, levels?.findIndex((l) => l.id === level) ?? 0);
}

/** The badge of level `level` of program `program`; 404 when the catalogue has no such level. */
export async function levelBadgeSvg(program: string, level: string): Promise<string> {
  const { certification, program: data } = await certificateContent(program);
  const found = certification?.levels.find((l) => l.id === level);
  if (!certification || !found) throw new HttpError(404, 'not_found', 'No certification level has this badge.');
  return renderBadgeSvg({ programTitle: data?.title ?? program, levelName: found.name, issuerName: ISSUER_NAME, tier: tierOf(certification.levels, level) });
}

async function certificateFace(record: CertificateRecord): Promise<BadgeFace> {
  const { certification, program } = await certificateContent(record.program);
  const achievement = levelAchievement(certification, record);
  return {
    programTitle: program?.title ?? record.program,
    levelName: achievement.name,
    issuerName: ISSUER_NAME,
    tier: tierOf(certification?.levels, record.level),
    distinction: achievement.distinction,
    ...(record.learnerName ? { holderName: record.learnerName } : {}),
  };
}

/** The certificate's own badge (its level's badge naming the holder): the credential's `image`. */
export async function certificateBadgeSvg(record: CertificateRecord): Promise<string> {
  return renderBadgeSvg(await certificateFace(record));
}

/** The certificate's baked badge: its own badge with the signed OpenBadgeCredential (VC-JWT) baked in. */
export async function bakedBadgeSvg(app: App, record: CertificateRecord): Promise<string> {
  const [face, jwt] = await Promise.all([certificateFace(record), credentialJwt(app, record)]);
  return renderBadgeSvg(face, jwt);
}

/** The issuer's logo (issuer.image). */
export const issuerLogoSvg = (): string => renderIssuerLogoSvg(ISSUER_NAME);
