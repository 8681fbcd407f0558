// Answers /verify/<id>/card.png: the certificate as anyone may see it, drawn as its share card.
import { join } from 'node:path';
import type { App } from '../app.ts';
import { certificateContent } from './content.ts';
import { lookupCertificate } from './lookup.ts';
import { publicCertificate } from './public-view.ts';
import { socialCardPng } from './social-card.ts';

export async function shareCard(app: App, id: string, client: string): Promise<Response> {
  const record = await lookupCertificate(app, id, client);
  const content = await certificateContent(record.program);
  const certificate = publicCertificate(record, content, app.config.publicOrigin);
  const tier = Math.max(0, content.certification?.levels.findIndex((l) => l.id === record.level) ?? 0);
  const png = await socialCardPng(record.id, { certificate, tier }, join(app.config.projectRoot, 'assets/fonts'));
  return new Response(new Uint8Array(png), {
    headers: {
      'content-type': 'image/png',
      // Social sites fetch it from their own servers and may show it anywhere.
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=300',
    },
  });
}
