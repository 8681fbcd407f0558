// Writing a review: the reviewer scores the rubric's criteria and writes an overall comment (saved as
// a draft as often as they like), anchors comments to lines of the work's files, and submits it once
// every criterion is scored; a submitted review no longer changes. The work's staff rate each
// submitted review's helpfulness (1–3). Access: access.ts; the rubric comes from content (rubric.ts).
import type { SessionUser } from '../auth/roles.ts';
import type { Db } from '../db/open.ts';
import {
  countLineComments,
  deleteLineComment,
  getAssignment,
  insertLineComment,
  markReviewStarted,
  markReviewSubmitted,
  rateReview as storeRating,
  saveReviewDraft,
  type AssignmentRecord,
  type LineComment,
} from '../db/peer-reviews.ts';
import { HttpError } from '../http.ts';
import type { ReviewRubric } from '../../lib/schemas/peer-review.ts';
import { requireOwnReview, requireWorkStaff } from './access.ts';

type Viewer = Pick<SessionUser, 'id' | 'role'>;

export const MAX_OVERALL_CHARS = 4000;
export const MAX_LINE_COMMENT_CHARS = 2000;
export const MAX_LINE_COMMENTS = 200;
export const HELPFULNESS = [
  { value: 1, label: 'Not helpful' },
  { value: 2, label: 'Helpful' },
  { value: 3, label: 'Very helpful' },
] as const;

/** A file's lines as the reviewer sees them numbered: a final newline does not start another line. */
export function fileLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** A line anchor the work really has: one of its files, and a line of that file (400 otherwise, saying what is there). */
export function requireAnchor(files: Readonly<Record<string, string>>, file: unknown, line: unknown): { file: string; line: number } {
  const names = Object.keys(files).sort();
  if (typeof file !== 'string' || !(file in files)) {
    const shown = typeof file === 'string' ? `"${file.slice(0, 120)}"` : 'that file';
    throw new HttpError(400, 'invalid_anchor', `The work has no file ${shown}: comment on one of ${names.map((n) => `"${n}"`).join(', ')}.`);
  }
  const n = typeof line === 'string' && line.trim() !== '' ? Number(line) : line;
  const count = fileLines(files[file] ?? '').length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > count) {
    throw new HttpError(400, 'invalid_anchor', `"${file}" has ${count} ${count === 1 ? 'line' : 'lines'}: give a line number from 1 to ${count}${typeof n === 'number' && Number.isFinite(n) ? ` (not ${n})` : ''}.`);
  }
  return { file, line: n };
}

/**
 * Rubric points from a form or JSON (criterion id → points on the scale). `complete`: every criterion
 * must be scored (submitting); otherwise unscored criteria (missing or "") are left out (a draft).
 */
export function parseReviewPoints(rubric: ReviewRubric, raw: unknown, complete: boolean): Record<string, number> {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new HttpError(400, 'invalid_points', 'Send points as {criterionId: points}.');
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) if (!rubric.criteria.some((c) => c.id === key)) throw new HttpError(400, 'invalid_points', `The rubric has no criterion "${key.slice(0, 60)}".`);
  const allowed = rubric.scale.map((s) => s.points);
  const points: Record<string, number> = {};
  const missing: string[] = [];
  for (const c of rubric.criteria) {
    const value = given[c.id];
    if (value === undefined || value === '') {
      missing.push(c.title);
      continue;
    }
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !allowed.includes(n)) throw new HttpError(400, 'invalid_points', `Give "${c.title}" one of the rubric's points (${allowed.join(', ')}).`);
    points[c.id] = n;
  }
  if (complete && missing.length > 0) throw new HttpError(400, 'incomplete', `Score every criterion before submitting: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not scored yet.`);
  return points;
}

function readComment(raw: unknown, limit: number, what: string): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') throw new HttpError(400, 'invalid_input', `The ${what} must be text.`);
  const text = raw.replace(/\r\n/g, '\n').trim();
  if (text.length > limit) throw new HttpError(400, 'invalid_input', `Keep the ${what} under ${limit} characters (it has ${text.length}).`);
  return text;
}

function requireOpen(assignment: AssignmentRecord): void {
  if (assignment.status === 'submitted') throw new HttpError(409, 'review_submitted', 'This review has been submitted and can no longer change.');
}

/** Saves the reviewer's points and overall comment as a draft; what is left out keeps its saved value. */
export async function saveReview(db: Db, viewer: Viewer, workId: string, rubric: ReviewRubric, input: { points?: unknown; comment?: unknown }, now: number): Promise<AssignmentRecord> {
  // Read the saved draft and write in one transaction: a save and a submit at once cannot interleave.
  return db.transaction(async (tx) => {
    const { assignment } = await requireOwnReview(tx, viewer, workId);
    requireOpen(assignment);
    const points = input.points === undefined ? assignment.points : parseReviewPoints(rubric, input.points, false);
    const comment = input.comment === undefined ? assignment.comment : readComment(input.comment, MAX_OVERALL_CHARS, 'overall comment');
    if (!await saveReviewDraft(tx, assignment.id, { points, comment, now })) throw new HttpError(409, 'review_submitted', 'This review has been submitted and can no longer change.');
    return await getAssignment(tx, assignment.id) ?? assignment;
  });
}

/** Submits the review: every criterion scored and an overall comment (what is left out comes from the saved draft). */
export async function submitReview(db: Db, viewer: Viewer, workId: string, rubric: ReviewRubric, input: { points?: unknown; comment?: unknown }, now: number): Promise<AssignmentRecord> {
  // Read the saved draft and write in one transaction: a save and a submit at once cannot interleave.
  return db.transaction(async (tx) => {
    const { assignment } = await requireOwnReview(tx, viewer, workId);
    requireOpen(assignment);
    const points = parseReviewPoints(rubric, input.points === undefined ? assignment.points : input.points, true);
    const comment = input.comment === undefined ? assignment.comment : readComment(input.comment, MAX_OVERALL_CHARS, 'overall comment');
    if (comment === '') throw new HttpError(400, 'incomplete', 'Write an overall comment before submitting: it is what the author reads first.');
    if (!await markReviewSubmitted(tx, assignment.id, { points, comment, now })) throw new HttpError(409, 'review_submitted', 'This review has already been submitted.');
    return await getAssignment(tx, assignment.id) ?? assignment;
  });
}

/** Adds a comment on one line of one of the work's files (the anchor is checked against the files). */
export async function addLineComment(db: Db, viewer: Viewer, workId: string, input: { file: unknown; line: unknown; body: unknown }, now: number): Promise<LineComment> {
  const { work, assignment } = await requireOwnReview(db, viewer, workId);
  requireOpen(assignment);
  const anchor = requireAnchor(work.files, input.file, input.line);
  const body = readComment(input.body, MAX_LINE_COMMENT_CHARS, 'comment');
  if (body === '') throw new HttpError(400, 'invalid_input', 'Write the comment before adding it.');
  if (await countLineComments(db, assignment.id) >= MAX_LINE_COMMENTS) throw new HttpError(409, 'too_many_comments', `A review holds at most ${MAX_LINE_COMMENTS} line comments: say the rest in the overall comment.`);
  return await db.transaction(async (tx) => {
    const id = await insertLineComment(tx, { assignmentId: assignment.id, file: anchor.file, line: anchor.line, body, now });
    await markReviewStarted(tx, assignment.id, now);
    return { id, assignmentId: assignment.id, file: anchor.file, line: anchor.line, body, createdAt: now };
  });
}

/** Removes one of the reviewer's own line comments while the review is open. */
export async function removeLineComment(db: Db, viewer: Viewer, workId: string, commentId: unknown): Promise<void> {
  const { assignment } = await requireOwnReview(db, viewer, workId);
  requireOpen(assignment);
  const id = typeof commentId === 'string' && /^\d+$/.test(commentId) ? Number(commentId) : commentId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || !await deleteLineComment(db, assignment.id, id)) throw new HttpError(404, 'not_found', 'Your review has no such comment.');
}

/** The staff's rating of a submitted review's helpfulness: 1 not helpful, 2 helpful, 3 very helpful (may be changed). */
export async function rateReview(db: Db, viewer: Viewer, workId: string, assignmentId: unknown, helpfulness: unknown, now: number): Promise<AssignmentRecord> {
  const { work } = await requireWorkStaff(db, viewer, workId);
  const assignment = typeof assignmentId === 'string' ? await getAssignment(db, assignmentId) : null;
  if (!assignment || assignment.workId !== work.id) throw new HttpError(404, 'not_found', 'This work has no such review.');
  const value = typeof helpfulness === 'string' && helpfulness.trim() !== '' ? Number(helpfulness) : helpfulness;
  if (typeof value !== 'number' || !HELPFULNESS.some((h) => h.value === value)) throw new HttpError(400, 'invalid_rating', 'Rate the review 1 (not helpful), 2 (helpful) or 3 (very helpful).');
  if (assignment.status !== 'submitted') throw new HttpError(409, 'not_submitted', 'A review can be rated once its reviewer has submitted it.');
  await storeRating(db, assignment.id, { helpfulness: value, by: viewer.id, now });
  return await getAssignment(db, assignment.id) ?? assignment;
}
