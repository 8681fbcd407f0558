// A case study as the JSON API answers it: its level, state, files (names and sizes; each file is read
// at its own address) and reviews with their rubric outcome. Only ever built for its candidate or staff.
import type { Db } from '../db/open.ts';
import { reviewsOf, type CaseStudyRecord } from '../db/case-studies.ts';
import { certificateIdOfAttempt } from '../db/certificates.ts';
import { levelName } from '../../lib/ladder-names.ts';
import type { AssessmentContent } from './attempts.ts';
import { missingFileKinds, requireCaseStudy, rubricOutcome } from './case-study.ts';

export async function caseStudyJson(db: Db, record: CaseStudyRecord, content: AssessmentContent) {
  const { caseStudy } = requireCaseStudy(content, { level: record.level, purpose: record.purpose });
  return {
    id: record.id,
    program: record.program,
    level: record.level,
    levelName: levelName(content.certification, record.level),
    purpose: record.purpose,
    status: record.status,
    files: Object.entries(record.files).map(([name, text]) => ({ name, bytes: Buffer.byteLength(text), href: `/api/case-studies/${record.id}/files/${encodeURIComponent(name)}` })),
    missing: missingFileKinds(caseStudy.files, record.files),
    submittedAt: record.submittedAt === null ? null : new Date(record.submittedAt).toISOString(),
    reviews: (await reviewsOf(db, record.id)).map((r) => ({ decision: r.decision, reviewer: r.reviewerName, at: new Date(r.at).toISOString(), points: r.points, comment: r.comment, rubric: rubricOutcome(caseStudy.rubric, r.points) })),
    certificateId: record.attemptId ? await certificateIdOfAttempt(db, record.attemptId) : null,
  };
}
