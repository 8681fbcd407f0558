// Case studies (migration 018): a candidate's uploaded files for a level assessed by case study, its
// state (draft → submitted → returned or signed-off) and every review decision. Files are stored once
// per distinct content in submission_files, as submissions are; a content no row uses any more is
// removed. Who may read or review one: assessment/case-study-access.ts.
import { createHash } from 'node:crypto';
import type { Db } from './open.ts';
import { newSecretId } from '../ids.ts';
import { canonicalFiles, storeFiles } from './submissions.ts';

export type CaseStudyStatus = 'draft' | 'submitted' | 'returned' | 'signed-off';
export type ReviewDecision = 'sign-off' | 'return';

export interface CaseStudyRecord {
  id: string;
  userId: string;
  program: string;
  level: string;
  purpose: 'certify' | 'renew';
  status: CaseStudyStatus;
  /** File name → text. */
  files: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  /** The scored record of the sign-off (its certificate points at it). */
  attemptId: string | null;
}

export interface CaseStudyReview {
  id: number;
  reviewerId: string;
  reviewerName: string;
  decision: ReviewDecision;
  /** Rubric points by criterion id. */
  points: Record<string, number>;
  comment: string;
  at: number;
}

interface Raw {
  id: string;
  user_id: string;
  program: string;
  level: string;
  purpose: 'certify' | 'renew';
  status: CaseStudyStatus;
  files: string | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  attempt_id: string | null;
}

const SELECT = 'SELECT c.*, f.files AS files FROM case_studies c LEFT JOIN submission_files f ON f.hash = c.files_hash';

const toRecord = (r: Raw): CaseStudyRecord => ({
  id: r.id,
  userId: r.user_id,
  program: r.program,
  level: r.level,
  purpose: r.purpose,
  status: r.status,
  files: r.files ? (JSON.parse(r.files) as Record<string, string>) : {},
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
  attemptId: r.attempt_id,
});

export async function insertCaseStudy(db: Db, input: { userId: string; program: string; level: string; purpose: 'certify' | 'renew'; now: number }): Promise<string> {
  const id = newSecretId();
  await db.run("INSERT INTO case_studies (id, user_id, program, level, purpose, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)", id,
    input.userId,
    input.program,
    input.level,
    input.purpose,
    input.now,
    input.now);
  return id;
}

export async function getCaseStudy(db: Db, id: string): Promise<CaseStudyRecord | null> {
  const row = await db.get(`${SELECT} WHERE c.id = ?`, id) as Raw | undefined;
  return row ? toRecord(row) : null;
}

/** The learner's case studies in a program, newest first. */
export async function caseStudiesOf(db: Db, userId: string, program: string): Promise<CaseStudyRecord[]> {
  return (await db.all(`${SELECT} WHERE c.user_id = ? AND c.program = ? ORDER BY c.created_at DESC`, userId, program) as Raw[]).map(toRecord);
}

/** The case study the learner is working on (or waiting on) for a level and purpose: the newest one not signed off. */
export async function currentCaseStudy(db: Db, userId: string, program: string, target: { level: string; purpose: 'certify' | 'renew' }): Promise<CaseStudyRecord | null> {
  const row = await db.get(`${SELECT} WHERE c.user_id = ? AND c.program = ? AND c.level = ? AND c.purpose = ? AND c.status != 'signed-off' ORDER BY c.created_at DESC LIMIT 1`, userId, program, target.level, target.purpose) as Raw | undefined;
  return row ? toRecord(row) : null;
}

export async function countCaseStudiesInReview(db: Db, userId: string, program: string, target: { level: string; purpose: 'certify' | 'renew' }): Promise<number> {
  return (
    await db.get("SELECT COUNT(*) AS n FROM case_studies WHERE user_id = ? AND program = ? AND level = ? AND purpose = ? AND status = 'submitted'", userId, program, target.level, target.purpose) as { n: number }
  ).n;
}

/** Bytes storing `files` would add to the account: 0 when it already keeps this exact content. */
export async function caseStudyBytesFor(db: Db, userId: string, files: Readonly<Record<string, string>>): Promise<number> {
  const text = canonicalFiles(files);
  const hash = createHash('sha256').update(text).digest('hex');
  const held =
    await db.get('SELECT 1 FROM case_studies WHERE user_id = ? AND files_hash = ? LIMIT 1', userId, hash) ??
    await db.get('SELECT 1 FROM submissions WHERE user_id = ? AND files_hash = ? LIMIT 1', userId, hash);
  return held ? 0 : Buffer.byteLength(text);
}

/** Replaces the case study's files; the content it held before goes when nothing else uses it. */
export async function setCaseStudyFiles(db: Db, id: string, files: Readonly<Record<string, string>>, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = (await tx.get('SELECT files_hash FROM case_studies WHERE id = ?', id) as { files_hash: string | null } | undefined)?.files_hash ?? null;
    const hash = Object.keys(files).length === 0 ? null : await storeFiles(tx, files);
    await tx.run('UPDATE case_studies SET files_hash = ?, updated_at = ? WHERE id = ?', hash, now, id);
    if (before !== null && before !== hash) {
      await tx.run(`DELETE FROM submission_files WHERE hash = ?
           AND NOT EXISTS (SELECT 1 FROM case_studies WHERE files_hash = ?)
           AND NOT EXISTS (SELECT 1 FROM submissions WHERE files_hash = ?)
           AND NOT EXISTS (SELECT 1 FROM peer_review_works WHERE files_hash = ?)`, before, before, before, before);
    }
  });
}

/** Draft or returned → submitted; false when it was in neither state (a race lost). */
export async function markCaseStudySubmitted(db: Db, id: string, now: number): Promise<boolean> {
  return (await db.run("UPDATE case_studies SET status = 'submitted', submitted_at = ?, updated_at = ? WHERE id = ? AND status IN ('draft', 'returned')", now, now, id)).changes > 0;
}

/**
 * Records a review decision on a submitted case study and moves it on (signed-off with the scored
 * attempt it wrote, or returned to the candidate); false when it was no longer waiting for review.
 */
export async function recordCaseStudyReview(
  db: Db,
  input: { caseStudyId: string; reviewerId: string; decision: ReviewDecision; points: Record<string, number>; comment: string; attemptId: string | null; now: number },
): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const status: CaseStudyStatus = input.decision === 'sign-off' ? 'signed-off' : 'returned';
    const changed = (await tx.run("UPDATE case_studies SET status = ?, attempt_id = ?, updated_at = ? WHERE id = ? AND status = 'submitted'", status, input.attemptId, input.now, input.caseStudyId)).changes;
    if (!changed) return false;
    await tx.run('INSERT INTO case_study_reviews (case_study_id, reviewer_id, decision, points, comment, at) VALUES (?, ?, ?, ?, ?, ?)', input.caseStudyId,
      input.reviewerId,
      input.decision,
      JSON.stringify(input.points),
      input.comment,
      input.now);
    await tx.run('INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, ?, ?, ?, ?)', input.reviewerId,
      input.decision === 'sign-off' ? 'case-study.sign-off' : 'case-study.return',
      input.caseStudyId,
      JSON.stringify({ points: input.points }),
      input.now);
    return true;
  });
}

/** Every review of a case study, oldest first. */
export async function reviewsOf(db: Db, caseStudyId: string): Promise<CaseStudyReview[]> {
  return (
    await db.all(`SELECT r.id, r.reviewer_id, u.name AS reviewer_name, r.decision, r.points, r.comment, r.at FROM case_study_reviews r
         JOIN users u ON u.id = r.reviewer_id WHERE r.case_study_id = ? ORDER BY r.at, r.id`, caseStudyId) as { id: number; reviewer_id: string; reviewer_name: string; decision: ReviewDecision; points: string; comment: string; at: number }[]
  ).map((r) => ({ id: r.id, reviewerId: r.reviewer_id, reviewerName: r.reviewer_name, decision: r.decision, points: JSON.parse(r.points) as Record<string, number>, comment: r.comment, at: r.at }));
}

/** Case studies of a cohort's members in its program, with the candidate's name; those waiting for review first. */
export async function caseStudiesOfCohort(db: Db, cohortId: string, program: string): Promise<(CaseStudyRecord & { candidateName: string })[]> {
  return (
    await db.all(`${SELECT.replace('SELECT c.*,', 'SELECT c.*, u.name AS candidate_name,')}
         JOIN cohort_members m ON m.user_id = c.user_id AND m.cohort_id = ?
         JOIN users u ON u.id = c.user_id
         WHERE c.program = ? AND c.status != 'draft'
         ORDER BY c.status != 'submitted', c.submitted_at DESC`, cohortId, program) as (Raw & { candidate_name: string })[]
  ).map((r) => ({ ...toRecord(r), candidateName: r.candidate_name }));
}
