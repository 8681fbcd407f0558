// A case study's peer reviews as its page shows them beside the sign-off: each round (one per time it
// was sent) with its reviewers; the instructor sees where every reviewer stands, the candidate the
// submitted reviews; both read the reviews in full (scores, overall comment) and follow the link to see
// the line comments beside the files. When fewer holders could be asked than content wants, it says so.
import type { Db } from '../db/open.ts';
import { commentsOf } from '../db/peer-reviews.ts';
import type { ReviewRubric } from '../../lib/schemas/peer-review.ts';
import { caseStudyRounds } from './case-study-rounds.ts';
import { workPath } from './work-page.ts';

export interface CaseStudyPeerRound {
  href: string;
  sentAt: number;
  wanted: number;
  /** Why there are fewer reviewers than asked for, when there are. */
  fallback: string | null;
  reviews: {
    reviewerName: string;
    status: 'assigned' | 'draft' | 'submitted';
    dueAt: number;
    submittedAt: number | null;
    scores: { title: string; label: string }[];
    comment: string;
    lineComments: number;
  }[];
}

export async function caseStudyPeerRounds(db: Db, caseStudyId: string, rubric: ReviewRubric, wanted: number, levelNames: readonly string[], staff: boolean): Promise<CaseStudyPeerRound[]> {
  const rounds = await Promise.all(
    (await caseStudyRounds(db, caseStudyId)).map(async ({ work, assignments }) => {
      const shown = staff ? assignments : assignments.filter((a) => a.status === 'submitted');
      const counts = new Map<string, number>();
      for (const c of await commentsOf(db, shown.filter((a) => a.status === 'submitted').map((a) => a.id))) counts.set(c.assignmentId, (counts.get(c.assignmentId) ?? 0) + 1);
      const missing = wanted - assignments.length;
      const holders = levelNames.join(' or ');
      return {
        href: workPath(work.id),
        sentAt: work.createdAt,
        wanted,
        fallback:
          missing <= 0
            ? null
            : assignments.length === 0
              ? `No other holder of ${holders} is in the candidate’s cohorts, so no peer could be asked: the instructor’s review and sign-off stand alone.`
              : `Only ${assignments.length} other holder${assignments.length === 1 ? '' : 's'} of ${holders} ${assignments.length === 1 ? 'is' : 'are'} in the candidate’s cohorts: the instructor’s review stands in for the missing peer review${missing === 1 ? '' : 's'}.`,
        reviews: shown.map((a) => ({
          reviewerName: a.reviewerName,
          status: a.status,
          dueAt: a.dueAt,
          submittedAt: a.submittedAt,
          scores:
            a.status === 'submitted'
              ? rubric.criteria.map((c) => {
                  const p = a.points[c.id];
                  return { title: c.title, label: p === undefined ? 'not scored' : `${rubric.scale.find((s) => s.points === p)?.label ?? p} (${p})` };
                })
              : [],
          comment: a.status === 'submitted' ? a.comment : '',
          lineComments: counts.get(a.id) ?? 0,
        })),
      };
    }),
  );
  return rounds.reverse();
}
