// The public verification pages: the certificate an id names, as anyone may see it (or why not:
// unknown id, or too many unknown ids from this address), what a link to it shows when shared
// (Open Graph and Twitter card: title, holder, level, issuer, badge image), and reading an id from
// what a visitor pasted (the id itself or the verification URL printed on the certificate).
import type { App } from '../app.ts';
import { HttpError } from '../http.ts';
import { formatDate } from '../../lib/format.ts';
import { certificateContent } from './content.ts';
import { lookupCertificate } from './lookup.ts';
import { publicCertificate, type PublicCertificate } from './public-view.ts';
import { socialImageUrl } from './social-image.ts';

/** What a shared link to the page previews as (og:* and twitter:* meta tags). */
export interface SocialCard {
  title: string;
  description: string;
  url: string;
  image: { url: string; type: string; width: number; height: number; alt: string };
  siteName: string;
  /** A wide image previews large; a square badge as a summary card. */
  twitterCard: 'summary' | 'summary_large_image';
}

export type VerifyPage =
  | { found: true; certificate: PublicCertificate; social: SocialCard }
  | { found: false; status: number; headers: Record<string, string> };

/** Who the certificate names in prose: the holder, or the deleted account it was issued to. */
export function holderPhrase(c: PublicCertificate): string {
  return c.holder ?? 'A deleted account';
}

export function socialCard(c: PublicCertificate, origin: string): SocialCard {
  const what = `${c.level.name} · ${c.program.title}`;
  const state =
    c.withdrawn ? ` It was withdrawn at the holder’s request${c.revokedAt ? ` on ${formatDate(c.revokedAt)}` : ''}.`
    : c.supersededBy ? ' It was replaced by a re-issued certificate.'
    : c.status === 'revoked' ? ` It was revoked${c.revokedAt ? ` on ${formatDate(c.revokedAt)}` : ''}.`
    : c.status === 'expired' ? ` It expired${c.expiresAt ? ` on ${formatDate(c.expiresAt)}` : ''}.`
    : c.expiresAt ? ` Valid until ${formatDate(c.expiresAt)}.` : '';
  const who = c.holder === null ? 'Issued to a deleted account:' : `${c.holder} earned`;
  const image = socialImageUrl(c, origin);
  return {
    title: c.holder === null ? `${what} — issued to a deleted account` : `${c.holder} — ${what}`,
    description: `${who} ${c.level.name} in ${c.program.title}, issued by ${c.issuer.name} on ${formatDate(c.issuedAt)}.${state} Check it here.`,
    url: c.verifyUrl,
    image: { ...image, alt: `${c.issuer.name} ${c.level.name} badge for ${c.program.title}` },
    siteName: c.issuer.name,
    twitterCard: image.width >= 1.5 * image.height ? 'summary_large_image' : 'summary',
  };
}

export async function verifyPage(app: App, id: string, client: string): Promise<VerifyPage> {
  try {
    const record = await lookupCertificate(app, id, client);
    const certificate = publicCertificate(record, await certificateContent(record.program), app.config.publicOrigin);
    return { found: true, certificate, social: socialCard(certificate, app.config.publicOrigin) };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { found: false, status: error.status, headers: error.headers };
  }
}

/** The certificate id in a pasted id or verification URL ("…/verify/<id>?…#…"); empty when there is none. */
export function certificateIdFrom(input: string): string {
  return input.trim().replace(/^.*\/verify\//, '').replace(/[?#].*$/, '');
}
