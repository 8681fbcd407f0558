// One work under peer review as its page shows it: the files, read-only with line numbers (plain text,
// never run or rendered), with the comments the viewer may read beside their lines; to its reviewer
// their own review (rubric, overall comment, line comments; save a draft, submit); to its author the
// submitted reviews; to its staff every submitted review with a helpfulness rating, and where each
// reviewer stands. Every change is a plain form post (POST, then 303 back), so it works without JavaScript.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { caseStudyPath } from '../assessment/certification-page.ts';
import { assignmentsOfWork, commentsOf, type AssignmentRecord, type LineComment, type WorkKind } from '../db/peer-reviews.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import type { ReviewRubric } from '../../lib/schemas/peer-review.ts';
import { mayReadReview, requireWorkAccess, type WorkAccess } from './access.ts';
import { reviewContextOf } from './rubric.ts';
import { addLineComment, fileLines, HELPFULNESS, rateReview, removeLineComment, saveReview, submitReview } from './reviews.ts';

export const workPath = (workId: string): string => `/peer-review/${workId}`;
/** The id of a line's row on the page (file names may hold characters an id should not). */
export const lineAnchor = (fileIndex: number, line: number): string => `L${fileIndex + 1}-${line}`;

export interface ViewComment {
  id: number;
  body: string;
  /** Who wrote it, as the viewer knows them ("You" for their own). */
  by: string;
  mine: boolean;
}

export interface ViewFile {
  name: string;
  index: number;
  lines: { n: number; text: string; anchor: string; comments: ViewComment[] }[];
  comments: number;
}

export interface ViewReview {
  id: string;
  reviewerName: string;
  role: AssignmentRecord['role'];
  status: AssignmentRecord['status'];
  assignedAt: number;
  dueAt: number;
  submittedAt: number | null;
  /** Submitted, and by its due time. */
  onTime: boolean | null;
  /** Readable by this viewer: points, overall comment and line comments. */
  readable: boolean;
  points: { id: string; title: string; points: number | null; label: string | null }[];
  comment: string;
  lineComments: number;
  helpfulness: number | null;
}

export interface WorkPage {
  id: string;
  kind: WorkKind;
  title: string;
  authorName: string;
  sentAt: number;
  /** What the viewer is to the work. */
  author: boolean;
  staff: boolean;
  reviewer: boolean;
  back: { href: string; label: string };
  rubric: ReviewRubric;
  instructions: string | null;
  wanted: number;
  files: ViewFile[];
  /** Reviews the viewer sees (their own first when they review), and for staff every assignment's state. */
  reviews: ViewReview[];
  /** The viewer's own review when they are assigned. */
  mine: { id: string; status: AssignmentRecord['status']; editable: boolean; points: Record<string, number>; comment: string; dueAt: number; comments: (LineComment & { fileIndex: number })[]; helpfulness: number | null } | null;
  /** The comment form's values: from the line link followed (?file=&line=), or what a refused post sent. */
  prefill: { file: string; line: string; body: string };
  helpfulnessScale: typeof HELPFULNESS;
  status: number;
  error: string | null;
  notice: string | null;
}

const NOTICES: Record<string, string> = {
  saved: 'Draft saved. Only you see it until you submit.',
  submitted: 'Review submitted: the author and the instructor can read it now.',
  commented: 'Comment added.',
  removed: 'Comment removed.',
  rated: 'Rating saved.',
};

interface PostOutcome {
  done: string;
  hash?: string;
}

async function applyPost(app: App, user: SessionUser, access: WorkAccess, rubric: ReviewRubric, form: URLSearchParams, now: number): Promise<PostOutcome> {
  const id = access.work.id;
  const action = form.get('action');
  if (action === 'save' || action === 'submit') {
    const points = Object.fromEntries(rubric.criteria.map((c) => [c.id, form.get(`points:${c.id}`) ?? '']));
    // What was entered is kept as a draft first, so a refused submission loses nothing.
    await saveReview(app.db, user, id, rubric, { points, comment: form.get('comment') ?? '' }, now);
    if (action === 'save') return { done: 'saved', hash: 'your-review' };
    await submitReview(app.db, user, id, rubric, {}, now);
    return { done: 'submitted', hash: 'your-review' };
  }
  if (action === 'comment') {
    const comment = await addLineComment(app.db, user, id, { file: form.get('file'), line: form.get('line'), body: form.get('body') }, now);
    const index = Object.keys(access.work.files).sort().indexOf(comment.file);
    return { done: 'commented', hash: lineAnchor(index, comment.line) };
  }
  if (action === 'delete-comment') {
    await removeLineComment(app.db, user, id, form.get('comment'));
    return { done: 'removed', hash: 'your-comments' };
  }
  if (action === 'rate') {
    const rated = await rateReview(app.db, user, id, form.get('assignment'), form.get('helpfulness'), now);
    return { done: 'rated', hash: `review-${rated.id}` };
  }
  throw new HttpError(400, 'invalid_input', 'Save or submit your review, add or remove a line comment, or rate a review.');
}

function viewReview(a: AssignmentRecord, rubric: ReviewRubric, readable: boolean, lineComments: number): ViewReview {
  return {
    id: a.id,
    reviewerName: a.reviewerName,
    role: a.role,
    status: a.status,
    assignedAt: a.assignedAt,
    dueAt: a.dueAt,
    submittedAt: a.submittedAt,
    onTime: a.submittedAt === null ? null : a.submittedAt <= a.dueAt,
    readable,
    points: readable
      ? rubric.criteria.map((c) => {
          const p = a.points[c.id];
          return { id: c.id, title: c.title, points: p ?? null, label: p === undefined ? null : (rubric.scale.find((s) => s.points === p)?.label ?? null) };
        })
      : [],
    comment: readable ? a.comment : '',
    lineComments,
    helpfulness: a.helpfulness,
  };
}

export async function peerReviewWorkPage(app: App, viewer: SessionUser | null, workId: string, request: Request, now = Date.now()): Promise<WorkPage | SeeOther> {
  const user = requireUser(viewer);
  let access = await requireWorkAccess(app.db, user, workId);
  const context = await reviewContextOf(app.db, access.work);
  let status = 200;
  let error: string | null = null;
  const url = new URL(request.url);
  let prefill = { file: url.searchParams.get('file') ?? '', line: url.searchParams.get('line') ?? '', body: '' };
  if (request.method === 'POST') {
    const form = await readForm(request, 64 * 1024);
    try {
      const outcome = await applyPost(app, user, access, context.rubric, form, now);
      return new SeeOther(`${workPath(access.work.id)}?done=${outcome.done}${outcome.hash ? `#${outcome.hash}` : ''}`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      ({ status } = e);
      error = e.message;
      if (form.get('action') === 'comment') prefill = { file: form.get('file') ?? '', line: form.get('line') ?? '', body: form.get('body') ?? '' };
      access = await requireWorkAccess(app.db, user, workId);
    }
  }
  const { work } = access;
  const assignments = await assignmentsOfWork(app.db, work.id);
  const readable = assignments.filter((a) => mayReadReview(access, a));
  const comments = await commentsOf(app.db, readable.map((a) => a.id));
  const commentCounts = new Map<string, number>();
  for (const c of comments) commentCounts.set(c.assignmentId, (commentCounts.get(c.assignmentId) ?? 0) + 1);
  const names = new Map(assignments.map((a) => [a.id, a.reviewerName]));
  const mineId = access.assignment?.id ?? null;
  const fileNames = Object.keys(work.files).sort();
  const files: ViewFile[] = fileNames.map((name, index) => {
    const here = comments.filter((c) => c.file === name);
    return {
      name,
      index,
      comments: here.length,
      lines: fileLines(work.files[name] ?? '').map((text, i) => ({
        n: i + 1,
        text,
        anchor: lineAnchor(index, i + 1),
        comments: here.filter((c) => c.line === i + 1).map((c) => ({ id: c.id, body: c.body, by: c.assignmentId === mineId ? 'You' : (names.get(c.assignmentId) ?? 'A reviewer'), mine: c.assignmentId === mineId })),
      })),
    };
  });
  // Staff see where every reviewer stands; the author and a reviewer only what they may read.
  const shown = access.staff ? assignments : readable;
  const reviews = shown.map((a) => viewReview(a, context.rubric, mayReadReview(access, a), commentCounts.get(a.id) ?? 0)).sort((a, b) => Number(b.id === mineId) - Number(a.id === mineId));
  const mine = access.assignment
    ? {
        id: access.assignment.id,
        status: access.assignment.status,
        editable: access.assignment.status !== 'submitted',
        points: access.assignment.points,
        comment: access.assignment.comment,
        dueAt: access.assignment.dueAt,
        comments: comments.filter((c) => c.assignmentId === mineId).map((c) => ({ ...c, fileIndex: fileNames.indexOf(c.file) })),
        helpfulness: access.assignment.helpfulness,
      }
    : null;
  const back =
    work.kind === 'case-study' && work.caseStudyId && (access.staff || access.author)
      ? { href: caseStudyPath(work.caseStudyId), label: 'The case study' }
      : access.staff
        ? { href: `/cohorts/${work.cohortId ?? ''}/peer-review`, label: 'Peer review in the cohort' }
        : { href: `/programs/${work.program}/peer-review`, label: 'Peer review' };
  const done = request.method === 'GET' ? url.searchParams.get('done') : null;
  return {
    id: work.id,
    kind: work.kind,
    title: context.title,
    authorName: work.authorName,
    sentAt: work.createdAt,
    author: access.author,
    staff: access.staff,
    reviewer: access.assignment !== null,
    back,
    rubric: context.rubric,
    instructions: context.instructions,
    wanted: context.reviewers,
    files,
    reviews,
    mine,
    prefill,
    helpfulnessScale: HELPFULNESS,
    status,
    error,
    notice: done ? (NOTICES[done] ?? null) : null,
  };
}
