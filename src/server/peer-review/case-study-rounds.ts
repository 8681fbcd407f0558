// A case study's peer review, on the same works, assignments and comments as the final project's: when
// a candidate sends a case study for review, a snapshot of its files becomes a work, and the holders
// of the levels its content names (certification.json "peerReview.reviewerLevels", e.g. Professional
// and Expert) among the members of the candidate's cohorts are asked to review it, the least loaded
// first. The instructor still signs it off (case-study.ts) and reads the peer reviews beside the
// rubric. Fewer holders than asked for (often none in a first cohort): the reviewers there are are
// asked, and the sign-off page says the instructor's review stands for the rest.
import type { CaseStudyRecord } from '../db/case-studies.ts';
import type { Db } from '../db/open.ts';
import { assignmentsOfWork, caseStudyReviewerPool, caseStudyWorks, insertAssignment, insertWork, type AssignmentRecord, type WorkRecord } from '../db/peer-reviews.ts';
import type { CaseStudy } from '../../lib/schemas/certification.ts';
import { leastLoaded } from './plan.ts';

const DAY = 86_400_000;

/** Opens a peer review round for a case study just sent for review; null when its content asks for none. */
export async function openCaseStudyRound(db: Db, record: CaseStudyRecord, caseStudy: Pick<CaseStudy, 'peerReview'>, now: number): Promise<{ workId: string; assigned: number; wanted: number } | null> {
  const settings = caseStudy.peerReview;
  if (!settings) return null;
  return await db.transaction(async (tx) => {
    const workId = await insertWork(tx, { kind: 'case-study', authorId: record.userId, program: record.program, caseStudyId: record.id, files: record.files, now });
    const pool = await caseStudyReviewerPool(tx, { candidateId: record.userId, program: record.program, levels: settings.reviewerLevels, now });
    const chosen = leastLoaded(pool, settings.reviewers);
    for (const reviewer of chosen) await insertAssignment(tx, { workId, reviewerId: reviewer.id, role: 'peer', now, dueAt: now + settings.dueDays * DAY });
    return { workId, assigned: chosen.length, wanted: settings.reviewers };
  });
}

export interface CaseStudyRound {
  work: WorkRecord;
  assignments: AssignmentRecord[];
}

/** Every peer review round of a case study, oldest first, with its assignments. */
export async function caseStudyRounds(db: Db, caseStudyId: string): Promise<CaseStudyRound[]> {
  const rounds: CaseStudyRound[] = [];
  for (const work of await caseStudyWorks(db, caseStudyId)) rounds.push({ work, assignments: await assignmentsOfWork(db, work.id) });
  return rounds;
}
