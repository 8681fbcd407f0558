// The program content a certificate refers to, from the Astro collections (looked up once per
// program: content is fixed for the life of the server process).
import { getEntry } from 'astro:content';
import type { CertificateContent } from './public-view.ts';

const cache = new Map<string, Promise<CertificateContent>>();

export function certificateContent(program: string): Promise<CertificateContent> {
  let hit = cache.get(program);
  if (!hit) {
    hit = Promise.all([getEntry('certifications', program), getEntry('programs', program)]).then(([c, p]) => ({ certification: c?.data, program: p?.data }));
    cache.set(program, hit);
  }
  return hit;
}
