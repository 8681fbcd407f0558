// The public verification pages: the certificate an id names, as anyone may see it (or why not:
// unknown id, or too many unknown ids from this address), and reading an id from what a visitor
// pasted (the id itself or the verification URL printed on the certificate).
import type { App } from '../app.ts';
import { HttpError } from '../http.ts';
import { certificateContent } from './content.ts';
import { lookupCertificate } from './lookup.ts';
import { publicCertificate, type PublicCertificate } from './public-view.ts';

export type VerifyPage =
  | { found: true; certificate: PublicCertificate }
  | { found: false; status: number; headers: Record<string, string> };

export async function verifyPage(app: App, id: string, client: string): Promise<VerifyPage> {
  try {
    const record = lookupCertificate(app, id, client);
    return { found: true, certificate: publicCertificate(record, await certificateContent(record.program), app.config.publicOrigin) };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { found: false, status: error.status, headers: error.headers };
  }
}

/** The certificate id in a pasted id or verification URL ("…/verify/<id>?…#…"); empty when there is none. */
export function certificateIdFrom(input: string): string {
  return input.trim().replace(/^.*\/verify\//, '').replace(/[?#].*$/, '');
}
