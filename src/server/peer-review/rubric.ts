// What a work is reviewed against, from content: a final project by its program's peer review
// (program.json "peerReview": rubric, instructions, reviewers wanted), a case study by its level's
// case study (certification.json: the rubric the instructor signs off by, and its "peerReview").
import { getExercise, getProgram } from '../content/catalog.ts';
import { getCaseStudy } from '../db/case-studies.ts';
import type { Db } from '../db/open.ts';
import type { WorkRecord } from '../db/peer-reviews.ts';
import { HttpError } from '../http.ts';
import { requireCaseStudy } from '../assessment/case-study.ts';
import { loadAssessmentContent } from '../assessment/content.ts';
import type { PeerReviewSettings, ReviewRubric } from '../../lib/schemas/peer-review.ts';

export interface ReviewContext {
  rubric: ReviewRubric;
  /** What reviewers are asked to do (Markdown inline), when content says. */
  instructions: string | null;
  /** What the work is, e.g. the exercise's title or "Case study: Certified Clean Timestamp Expert". */
  title: string;
  /** Reviewers the content asks for. */
  reviewers: number;
}

/** The program's peer review settings; 404 when the program has none. */
export async function requirePeerReviewSettings(programId: string): Promise<{ programTitle: string; settings: PeerReviewSettings; exerciseTitle: string }> {
  const program = await getProgram(programId);
  if (!program) throw new HttpError(404, 'not_found', `No program "${programId.slice(0, 80)}".`);
  if (!program.peerReview) throw new HttpError(404, 'not_found', `${program.title} has no peer review.`);
  const exercise = await getExercise(program.peerReview.exercise);
  return { programTitle: program.title, settings: program.peerReview, exerciseTitle: exercise?.title ?? program.peerReview.exercise };
}

export async function reviewContextOf(db: Db, work: WorkRecord): Promise<ReviewContext> {
  if (work.kind === 'exercise') {
    const { settings, exerciseTitle } = await requirePeerReviewSettings(work.program);
    return { rubric: settings.rubric, instructions: settings.instructions, title: exerciseTitle, reviewers: settings.reviewers };
  }
  const record = work.caseStudyId ? await getCaseStudy(db, work.caseStudyId) : null;
  if (!record) throw new HttpError(404, 'not_found', 'The case study under review no longer exists.');
  const { level, caseStudy } = requireCaseStudy(await loadAssessmentContent(work.program), { level: record.level, purpose: record.purpose });
  return {
    rubric: caseStudy.rubric,
    instructions: caseStudy.peerReview?.instructions ?? null,
    title: `${record.purpose === 'renew' ? 'Renewal case study' : 'Case study'}: ${level.name}`,
    reviewers: caseStudy.peerReview?.reviewers ?? 0,
  };
}
