// The image a shared verification link previews with (og:image, twitter:image): the certificate's
// 1200×630 PNG share card (social-card.ts), the size Open Graph readers (LinkedIn, Facebook, X) crop
// least; social sites show no SVG, so the SVG badge is not used here.
import type { PublicCertificate } from './public-view.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './social-card.ts';

export function socialImageUrl(c: Pick<PublicCertificate, 'id'>, origin: string): { url: string; type: string; width: number; height: number } {
  return { url: `${origin}/verify/${encodeURIComponent(c.id)}/card.png`, type: 'image/png', width: CARD_WIDTH, height: CARD_HEIGHT };
}
