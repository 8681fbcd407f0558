// What a certificate attests, from its level in the certification's content: the achievement of
// that level (name, description, criteria), the title the certificate shows (with its distinction
// mark), and the overall score the assessment that earned it had to reach. The PDF, the public
// verification view and the signed credential all read it here. Pure.
import { assessmentFor, type Certification, type Purpose } from '../../lib/schemas/certification.ts';
import { certificateTitle, distinctionTitle } from '../../lib/ladder-names.ts';

export interface LevelAchievement {
  /** The level's name (the achievement is the same for every holder). */
  name: string;
  /** The certificate's own title: the level's name and its distinction mark, if it carries one. */
  title: string;
  distinction: string | null;
  description: string;
  criteria: string;
  /** Overall share the assessment that earned it required (undefined when the content no longer says). */
  required: number | undefined;
}

export function levelAchievement(
  certification: Certification | null | undefined,
  record: { level: string; distinction: boolean },
  purpose: Purpose = 'certify',
): LevelAchievement {
  const level = certification?.levels.find((l) => l.id === record.level);
  const assessment = level ? assessmentFor(level, purpose) : null;
  return {
    name: level?.name ?? record.level,
    title: certificateTitle(certification, record),
    distinction: record.distinction ? distinctionTitle(certification, record.level) : null,
    description: level?.description ?? certification?.description ?? '',
    criteria: level?.criteria ?? '',
    required: assessment?.type === 'exam' ? assessment.overallPassMark : assessment?.type === 'case-study' ? assessment.rubric.passMark : undefined,
  };
}
