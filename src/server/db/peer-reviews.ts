// Peer review rows (migration 020): works under review with their files, reviewer assignments with the
// review they hold, comments anchored to lines, instructor ratings. Who may read or write which, and
// who is assigned to what, is decided in server/peer-review/.
import type { Db } from './open.ts';
import { named } from './named.ts';
import { newId, newSecretId } from '../ids.ts';
import { storeFiles } from './submissions.ts';
import { jsonList } from './dialect.ts';

export type WorkKind = 'exercise' | 'case-study';
export type AssignmentStatus = 'assigned' | 'draft' | 'submitted';
export type ReviewerRole = 'peer' | 'instructor';

export interface WorkRecord {
  id: string;
  kind: WorkKind;
  authorId: string;
  authorName: string;
  program: string;
  cohortId: string | null;
  exerciseId: string | null;
  submissionId: string | null;
  caseStudyId: string | null;
  /** File name → text, as it was sent for review. */
  files: Record<string, string>;
  createdAt: number;
}

export interface AssignmentRecord {
  id: string;
  workId: string;
  reviewerId: string;
  reviewerName: string;
  role: ReviewerRole;
  status: AssignmentStatus;
  /** Criterion id → points (a draft may lack some). */
  points: Record<string, number>;
  comment: string;
  assignedAt: number;
  dueAt: number;
  updatedAt: number;
  submittedAt: number | null;
  helpfulness: number | null;
  ratedAt: number | null;
}

export interface LineComment {
  id: number;
  assignmentId: string;
  file: string;
  line: number;
  body: string;
  createdAt: number;
}

interface WorkRaw {
  id: string;
  kind: WorkKind;
  author_id: string;
  author_name: string;
  program: string;
  cohort_id: string | null;
  exercise_id: string | null;
  submission_id: string | null;
  case_study_id: string | null;
  files: string;
  created_at: number;
}

interface AssignmentRaw {
  id: string;
  work_id: string;
  reviewer_id: string;
  reviewer_name: string;
  role: ReviewerRole;
  status: AssignmentStatus;
  points: string;
  comment: string;
  assigned_at: number;
  due_at: number;
  updated_at: number;
  submitted_at: number | null;
  helpfulness: number | null;
  rated_at: number | null;
}

const SELECT_WORK = `SELECT w.*, u.name AS author_name, f.files AS files FROM peer_review_works w
  JOIN users u ON u.id = w.author_id JOIN submission_files f ON f.hash = w.files_hash`;
const SELECT_ASSIGNMENT = 'SELECT a.*, u.name AS reviewer_name FROM peer_review_assignments a JOIN users u ON u.id = a.reviewer_id';

const toWork = (r: WorkRaw): WorkRecord => ({
  id: r.id,
  kind: r.kind,
  authorId: r.author_id,
  authorName: r.author_name,
  program: r.program,
  cohortId: r.cohort_id,
  exerciseId: r.exercise_id,
  submissionId: r.submission_id,
  caseStudyId: r.case_study_id,
  files: JSON.parse(r.files) as Record<string, string>,
  createdAt: r.created_at,
});

const toAssignment = (r: AssignmentRaw): AssignmentRecord => ({
  id: r.id,
  workId: r.work_id,
  reviewerId: r.reviewer_id,
  reviewerName: r.reviewer_name,
  role: r.role,
  status: r.status,
  points: JSON.parse(r.points) as Record<string, number>,
  comment: r.comment,
  assignedAt: r.assigned_at,
  dueAt: r.due_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
  helpfulness: r.helpfulness,
  ratedAt: r.rated_at,
});

export async function insertWork(
  db: Db,
  input: { kind: WorkKind; authorId: string; program: string; cohortId?: string | null; exerciseId?: string | null; submissionId?: string | null; caseStudyId?: string | null; files: Readonly<Record<string, string>>; now: number },
): Promise<string> {
  const id = newSecretId();
  await db.transaction(async (tx) => {
    const hash = await storeFiles(tx, input.files);
    await tx.run(`INSERT INTO peer_review_works (id, kind, author_id, program, cohort_id, exercise_id, submission_id, case_study_id, files_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, input.kind, input.authorId, input.program, input.cohortId ?? null, input.exerciseId ?? null, input.submissionId ?? null, input.caseStudyId ?? null, hash, input.now);
  });
  return id;
}

export async function getWork(db: Db, id: string): Promise<WorkRecord | null> {
  const row = await db.get(`${SELECT_WORK} WHERE w.id = ?`, id) as WorkRaw | undefined;
  return row ? toWork(row) : null;
}

/** The learner's work under review for an exercise in a cohort (at most one). */
export async function exerciseWorkOf(db: Db, authorId: string, exerciseId: string, cohortId: string): Promise<WorkRecord | null> {
  const row = await db.get(`${SELECT_WORK} WHERE w.kind = 'exercise' AND w.author_id = ? AND w.exercise_id = ? AND w.cohort_id = ?`, authorId, exerciseId, cohortId) as WorkRaw | undefined;
  return row ? toWork(row) : null;
}

/** The learner's works for an exercise in any cohort, newest first. */
export async function exerciseWorksOfAuthor(db: Db, authorId: string, exerciseId: string): Promise<WorkRecord[]> {
  return (await db.all(`${SELECT_WORK} WHERE w.kind = 'exercise' AND w.author_id = ? AND w.exercise_id = ? ORDER BY w.created_at DESC`, authorId, exerciseId) as WorkRaw[]).map(toWork);
}

/** A work of a cohort's pool without its files (the pool is re-planned on every arrival: kept light). */
export interface PoolWorkRow {
  id: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  /** The author is still a member of the cohort. */
  member: boolean;
}

/** A cohort's works for an exercise in the order they were sent (the order reviewers are assigned in). */
export async function poolWorks(db: Db, cohortId: string, exerciseId: string): Promise<PoolWorkRow[]> {
  return (
    await db.all(`SELECT w.id, w.author_id, u.name AS author_name, w.created_at,
           CASE WHEN EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = w.cohort_id AND m.user_id = w.author_id) THEN 1 ELSE 0 END AS member
         FROM peer_review_works w JOIN users u ON u.id = w.author_id
         WHERE w.kind = 'exercise' AND w.cohort_id = ? AND w.exercise_id = ? ORDER BY w.created_at, w.id`, cohortId, exerciseId) as { id: string; author_id: string; author_name: string; created_at: number; member: number }[]
  ).map((r) => ({ id: r.id, authorId: r.author_id, authorName: r.author_name, createdAt: r.created_at, member: r.member === 1 }));
}

/** The rounds of a case study sent for review, oldest first. */
export async function caseStudyWorks(db: Db, caseStudyId: string): Promise<WorkRecord[]> {
  return (await db.all(`${SELECT_WORK} WHERE w.case_study_id = ? ORDER BY w.created_at, w.id`, caseStudyId) as WorkRaw[]).map(toWork);
}

export async function insertAssignment(db: Db, input: { workId: string; reviewerId: string; role: ReviewerRole; now: number; dueAt: number }): Promise<string> {
  const id = newId();
  await db.run('INSERT INTO peer_review_assignments (id, work_id, reviewer_id, role, assigned_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', id,
    input.workId,
    input.reviewerId,
    input.role,
    input.now,
    input.dueAt,
    input.now);
  return id;
}

/** Removes an assignment nobody has written anything in yet; false when it was started (or is gone). */
export async function deleteUnstartedAssignment(db: Db, id: string): Promise<boolean> {
  return (await db.run("DELETE FROM peer_review_assignments WHERE id = ? AND status = 'assigned'", id)).changes > 0;
}

export async function getAssignment(db: Db, id: string): Promise<AssignmentRecord | null> {
  const row = await db.get(`${SELECT_ASSIGNMENT} WHERE a.id = ?`, id) as AssignmentRaw | undefined;
  return row ? toAssignment(row) : null;
}

export async function assignmentOf(db: Db, workId: string, reviewerId: string): Promise<AssignmentRecord | null> {
  const row = await db.get(`${SELECT_ASSIGNMENT} WHERE a.work_id = ? AND a.reviewer_id = ?`, workId, reviewerId) as AssignmentRaw | undefined;
  return row ? toAssignment(row) : null;
}

/** A work's assignments in the order they were made. */
export async function assignmentsOfWork(db: Db, workId: string): Promise<AssignmentRecord[]> {
  return (await db.all(`${SELECT_ASSIGNMENT} WHERE a.work_id = ? ORDER BY a.assigned_at, a.id`, workId) as AssignmentRaw[]).map(toAssignment);
}

/** Every assignment on a cohort's works for an exercise (one query for the whole pool). */
export async function assignmentsOfPool(db: Db, cohortId: string, exerciseId: string): Promise<AssignmentRecord[]> {
  return (
    await db.all(`${SELECT_ASSIGNMENT} JOIN peer_review_works w ON w.id = a.work_id WHERE w.kind = 'exercise' AND w.cohort_id = ? AND w.exercise_id = ? ORDER BY a.assigned_at, a.id`, cohortId, exerciseId) as AssignmentRaw[]
  ).map(toAssignment);
}

export interface ReviewerTask extends AssignmentRecord {
  work: { id: string; kind: WorkKind; authorName: string; program: string; exerciseId: string | null; caseStudyId: string | null; createdAt: number };
}

/** A reviewer's assignments in a program, those still open first, each with the work it is on. */
export async function assignmentsOfReviewer(db: Db, reviewerId: string, program: string): Promise<ReviewerTask[]> {
  const rows = await db.all(`${SELECT_ASSIGNMENT.replace('SELECT a.*,', 'SELECT a.*, w.kind AS w_kind, w.program AS w_program, w.exercise_id AS w_exercise, w.case_study_id AS w_case_study, w.created_at AS w_created, author.name AS w_author,')}
       JOIN peer_review_works w ON w.id = a.work_id JOIN users author ON author.id = w.author_id
       WHERE a.reviewer_id = ? AND w.program = ? ORDER BY a.status = 'submitted', a.due_at, a.id`, reviewerId, program) as (AssignmentRaw & { w_kind: WorkKind; w_program: string; w_exercise: string | null; w_case_study: string | null; w_created: number; w_author: string })[];
  return rows.map((r) => ({
    ...toAssignment(r),
    work: { id: r.work_id, kind: r.w_kind, authorName: r.w_author, program: r.w_program, exerciseId: r.w_exercise, caseStudyId: r.w_case_study, createdAt: r.w_created },
  }));
}

/** Saves a review in progress (points and overall comment); false when it was already submitted. */
export async function saveReviewDraft(db: Db, id: string, input: { points: Record<string, number>; comment: string; now: number }): Promise<boolean> {
  return (
    (await db.run("UPDATE peer_review_assignments SET status = 'draft', points = ?, comment = ?, updated_at = ? WHERE id = ? AND status != 'submitted'", JSON.stringify(input.points), input.comment, input.now, id)).changes > 0
  );
}

/** Marks a review in progress as started (a line comment was written); no change once submitted. */
export async function markReviewStarted(db: Db, id: string, now: number): Promise<void> {
  await db.run("UPDATE peer_review_assignments SET status = 'draft', updated_at = ? WHERE id = ? AND status = 'assigned'", now, id);
}

/** Submits the review with its final points and comment; false when it was already submitted. */
export async function markReviewSubmitted(db: Db, id: string, input: { points: Record<string, number>; comment: string; now: number }): Promise<boolean> {
  return (
    (await db.run("UPDATE peer_review_assignments SET status = 'submitted', points = ?, comment = ?, submitted_at = ?, updated_at = ? WHERE id = ? AND status != 'submitted'", JSON.stringify(input.points), input.comment, input.now, input.now, id)).changes > 0
  );
}

export async function rateReview(db: Db, id: string, input: { helpfulness: number; by: string; now: number }): Promise<boolean> {
  return (
    (await db.run("UPDATE peer_review_assignments SET helpfulness = ?, rated_by = ?, rated_at = ? WHERE id = ? AND status = 'submitted'", input.helpfulness, input.by, input.now, id)).changes > 0
  );
}

export async function insertLineComment(db: Db, input: { assignmentId: string; file: string; line: number; body: string; now: number }): Promise<number> {
  const row = await db.get<{ id: number }>(
    'INSERT INTO peer_review_comments (assignment_id, file, line, body, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    input.assignmentId,
    input.file,
    input.line,
    input.body,
    input.now,
  );
  return Number(row!.id);
}

export async function deleteLineComment(db: Db, assignmentId: string, commentId: number): Promise<boolean> {
  return (await db.run('DELETE FROM peer_review_comments WHERE id = ? AND assignment_id = ?', commentId, assignmentId)).changes > 0;
}

export async function countLineComments(db: Db, assignmentId: string): Promise<number> {
  return (await db.get('SELECT COUNT(*) AS n FROM peer_review_comments WHERE assignment_id = ?', assignmentId) as { n: number }).n;
}

/** The comments of some assignments, by file and line. */
export async function commentsOf(db: Db, assignmentIds: readonly string[]): Promise<LineComment[]> {
  if (assignmentIds.length === 0) return [];
  const rows = await db.all(`SELECT * FROM peer_review_comments WHERE assignment_id IN ${jsonList(db)} ORDER BY file, line, id`, JSON.stringify(assignmentIds)) as { id: number; assignment_id: string; file: string; line: number; body: string; created_at: number }[];
  return rows.map((r) => ({ id: r.id, assignmentId: r.assignment_id, file: r.file, line: r.line, body: r.body, createdAt: r.created_at }));
}

/** Line comments per assignment of a cohort's pool, in one grouped query. */
export async function commentCountsOfPool(db: Db, cohortId: string, exerciseId: string): Promise<Map<string, number>> {
  const rows = await db.all(`SELECT c.assignment_id, COUNT(*) AS n FROM peer_review_comments c JOIN peer_review_assignments a ON a.id = c.assignment_id
       JOIN peer_review_works w ON w.id = a.work_id WHERE w.kind = 'exercise' AND w.cohort_id = ? AND w.exercise_id = ? GROUP BY c.assignment_id`, cohortId, exerciseId) as { assignment_id: string; n: number }[];
  return new Map(rows.map((r) => [r.assignment_id, r.n]));
}

/**
 * People who may review a case study: members of any cohort of its program the candidate is in,
 * holding an active (not revoked, not expired) certificate at one of `levels`, never the candidate;
 * each with the case-study reviews they have open now (their load). Ordered by name for a stable list.
 */
export async function caseStudyReviewerPool(db: Db, input: { candidateId: string; program: string; levels: readonly string[]; now: number }): Promise<{ id: string; name: string; open: number }[]> {
  return await db.all(...named(`SELECT u.id, u.name,
         (SELECT COUNT(*) FROM peer_review_assignments a JOIN peer_review_works w ON w.id = a.work_id
          WHERE a.reviewer_id = u.id AND w.kind = 'case-study' AND a.status != 'submitted') AS open
       FROM users u
       WHERE u.id != @candidate
         AND u.id IN (SELECT m.user_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id AND c.program = @program
                      WHERE m.cohort_id IN (SELECT cohort_id FROM cohort_members WHERE user_id = @candidate))
         AND EXISTS (SELECT 1 FROM certificates cert WHERE cert.user_id = u.id AND cert.program = @program AND cert.revoked_at IS NULL
                     AND (cert.expires_at IS NULL OR cert.expires_at > @now) AND cert.level IN ${jsonList(db).replace('?', '@levels')})
       ORDER BY u.name COLLATE NOCASE, u.id`, { candidate: input.candidateId, program: input.program, levels: JSON.stringify(input.levels), now: input.now })) as { id: string; name: string; open: number }[];
}

/** Per reviewer of a cohort's pool: reviews assigned, submitted, submitted by their due time, line comments, and the instructor's ratings. */
export async function reviewerStatsOfPool(
  db: Db,
  cohortId: string,
  exerciseId: string,
): Promise<{ reviewerId: string; name: string; role: ReviewerRole; assigned: number; submitted: number; onTime: number; comments: number; rated: number; helpfulnessSum: number }[]> {
  const rows = await db.all(`SELECT a.reviewer_id, u.name, MAX(a.role) AS role, COUNT(*) AS assigned,
         COUNT(*) FILTER (WHERE a.status = 'submitted') AS submitted,
         COUNT(*) FILTER (WHERE a.status = 'submitted' AND a.submitted_at <= a.due_at) AS on_time,
         COALESCE(SUM((SELECT COUNT(*) FROM peer_review_comments c WHERE c.assignment_id = a.id)), 0) AS comments,
         COUNT(a.helpfulness) AS rated, COALESCE(SUM(a.helpfulness), 0) AS helpfulness_sum
       FROM peer_review_assignments a JOIN peer_review_works w ON w.id = a.work_id JOIN users u ON u.id = a.reviewer_id
       WHERE w.kind = 'exercise' AND w.cohort_id = ? AND w.exercise_id = ?
       GROUP BY a.reviewer_id, u.name ORDER BY u.name COLLATE NOCASE`, cohortId, exerciseId) as { reviewer_id: string; name: string; role: ReviewerRole; assigned: number; submitted: number; on_time: number; comments: number; rated: number; helpfulness_sum: number }[];
  return rows.map((r) => ({
    reviewerId: r.reviewer_id,
    name: r.name,
    role: r.role,
    assigned: r.assigned,
    submitted: r.submitted,
    onTime: r.on_time,
    comments: r.comments,
    rated: r.rated,
    helpfulnessSum: r.helpfulness_sum,
  }));
}

/** The learner's newest passing practice submission of an exercise (not one made inside a certification attempt). */
export async function latestPassingSubmission(db: Db, userId: string, exerciseId: string): Promise<{ id: string; files: Record<string, string>; createdAt: number } | null> {
  const row = await db.get(`SELECT s.id, COALESCE(f.files, s.files) AS files, s.created_at FROM submissions s LEFT JOIN submission_files f ON f.hash = s.files_hash
       WHERE s.user_id = ? AND s.exercise_id = ? AND s.attempt_id IS NULL AND s.status = 'pass' ORDER BY s.created_at DESC, s.id DESC LIMIT 1`, userId, exerciseId) as { id: string; files: string; created_at: number } | undefined;
  return row ? { id: row.id, files: JSON.parse(row.files) as Record<string, string>, createdAt: row.created_at } : null;
}

/** Members of a cohort who have not sent their work on an exercise for review, with whether a submission of it has passed. */
export async function membersNotSent(db: Db, cohortId: string, exerciseId: string): Promise<{ id: string; name: string; passed: boolean }[]> {
  return (
    await db.all(...named(`SELECT u.id, u.name, CASE WHEN EXISTS (SELECT 1 FROM submissions s WHERE s.user_id = u.id AND s.exercise_id = @exercise AND s.attempt_id IS NULL AND s.status = 'pass') THEN 1 ELSE 0 END AS passed
         FROM cohort_members m JOIN users u ON u.id = m.user_id
         WHERE m.cohort_id = @cohort AND NOT EXISTS (
           SELECT 1 FROM peer_review_works w WHERE w.kind = 'exercise' AND w.cohort_id = @cohort AND w.exercise_id = @exercise AND w.author_id = u.id)
         ORDER BY u.name COLLATE NOCASE, u.id`, { cohort: cohortId, exercise: exerciseId })) as { id: string; name: string; passed: number }[]
  ).map((r) => ({ id: r.id, name: r.name, passed: r.passed === 1 }));
}
