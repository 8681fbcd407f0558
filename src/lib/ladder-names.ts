// How a certificate's level reads to people, from the certification's content: the level's name,
// with the distinction mark of the exam that earned it when the certificate carries one ("Certified
// Clean Timestamp Associate with distinction"). One place, so the PDF, the verification page, the
// credential and every list say the same. Pure: the browser may import it.
import type { Certification } from './schemas/certification.ts';

type Levels = Pick<Certification, 'levels'> | null | undefined;

/** The level's name; the id when the content no longer has the level. */
export function levelName(certification: Levels, levelId: string): string {
  return certification?.levels.find((l) => l.id === levelId)?.name ?? levelId;
}

/** The distinction mark of the level's exam ("with distinction"), if it has one. */
export function distinctionTitle(certification: Levels, levelId: string): string | null {
  const level = certification?.levels.find((l) => l.id === levelId);
  return level?.assessment.type === 'exam' ? (level.assessment.distinction?.title ?? null) : null;
}

/** The title a certificate shows: its level's name and, when it carries one, the distinction mark. */
export function certificateTitle(certification: Levels, record: { level: string; distinction: boolean }): string {
  const name = levelName(certification, record.level);
  const mark = record.distinction ? distinctionTitle(certification, record.level) : null;
  return mark ? `${name} ${mark}` : name;
}
