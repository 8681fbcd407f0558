// A work under peer review as the JSON API answers it, cut to what the asker may read (access.ts): its
// files, and the reviews they may read with their line comments; staff also get every reviewer's state.
import type { Db } from '../db/open.ts';
import { assignmentsOfWork, commentsOf } from '../db/peer-reviews.ts';
import { mayReadReview, type WorkAccess } from './access.ts';
import type { ReviewContext } from './rubric.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export async function workJson(db: Db, access: WorkAccess, context: ReviewContext) {
  const { work } = access;
  const assignments = await assignmentsOfWork(db, work.id);
  const readable = assignments.filter((a) => mayReadReview(access, a));
  const comments = await commentsOf(db, readable.map((a) => a.id));
  const shown = access.staff ? assignments : readable;
  return {
    id: work.id,
    kind: work.kind,
    title: context.title,
    author: work.authorName,
    sentAt: iso(work.createdAt),
    viewer: { author: access.author, staff: access.staff, reviewer: access.assignment !== null },
    rubric: context.rubric,
    files: Object.keys(work.files)
      .sort()
      .map((name) => ({ name, text: work.files[name] ?? '' })),
    reviews: shown.map((a) => {
      const open = mayReadReview(access, a);
      const own = access.assignment?.id === a.id;
      return {
        id: a.id,
        reviewer: a.reviewerName,
        role: a.role,
        status: a.status,
        assignedAt: iso(a.assignedAt),
        dueAt: iso(a.dueAt),
        submittedAt: iso(a.submittedAt),
        ...(open
          ? {
              points: a.points,
              comment: a.comment,
              comments: comments.filter((c) => c.assignmentId === a.id).map((c) => ({ id: c.id, file: c.file, line: c.line, body: c.body })),
            }
          : {}),
        ...(access.staff || own ? { helpfulness: a.helpfulness } : {}),
      };
    }),
  };
}
