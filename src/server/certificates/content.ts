// The program content a certificate refers to (its certification and program), from the catalogue.
import { getCertification, getProgram } from '../content/catalog.ts';
import type { CertificateContent } from './public-view.ts';

export async function certificateContent(program: string): Promise<CertificateContent> {
  const [certification, data] = await Promise.all([getCertification(program), getProgram(program)]);
  return { certification: certification ?? undefined, program: data ?? undefined };
}
