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

export function insertCaseStudy(db: Db, input: { userId: string; program: string; level: string; purpose: 'certify' | 'renew'; now: number }): string {
  const id = newSecretId();
  db.prepare("INSERT INTO case_studies (id, user_id, program, level, purpose, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)").run(
    id,
    input.userId,
    input.program,
    input.level,
    input.purpose,
    input.now,
    input.now,
  );
  return id;
}

export function getCaseStudy(db: Db, id: string): CaseStudyRecord | null {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Raw | undefined;
  return row ? toRecord(row) : null;
}

/** The learner's case studies in a program, newest first. */
export function caseStudiesOf(db: Db, userId: string, program: string): CaseStudyRecord[] {
  return (db.prepare(`${SELECT} WHERE c.user_id = ? AND c.program = ? ORDER BY c.created_at DESC`).all(userId, program) as Raw[]).map(toRecord);
}

/** The case study the learner is working on (or waiting on) for a level and purpose: the newest one not signed off. */
export function currentCaseStudy(db: Db, userId: string, program: string, target: { level: string; purpose: 'certify' | 'renew' }): CaseStudyRecord | null {
  const row = db
    .prepare(`${SELECT} WHERE c.user_id = ? AND c.program = ? AND c.level = ? AND c.purpose = ? AND c.status != 'signed-off' ORDER BY c.created_at DESC LIMIT 1`)
    .get(userId, program, target.level, target.purpose) as Raw | undefined;
  return row ? toRecord(row) : null;
}

export function countCaseStudiesInReview(db: Db, userId: string, program: string, target: { level: string; purpose: 'certify' | 'renew' }): number {
  return (
    db
      .prepare("SELECT COUNT(*) AS n FROM case_studies WHERE user_id = ? AND program = ? AND level = ? AND purpose = ? AND status = 'submitted'")
      .get(userId, program, target.level, target.purpose) as { n: number }
  ).n;
}

/** Bytes storing `files` would add to the account: 0 when it already keeps this exact content. */
export function caseStudyBytesFor(db: Db, userId: string, files: Readonly<Record<string, string>>): number {
  const text = canonicalFiles(files);
  const hash = createHash('sha256').update(text).digest('hex');
  const held =
    db.prepare('SELECT 1 FROM case_studies WHERE user_id = ? AND files_hash = ? LIMIT 1').get(userId, hash) ??
    db.prepare('SELECT 1 FROM submissions WHERE user_id = ? AND files_hash = ? LIMIT 1').get(userId, hash);
  return held ? 0 : Buffer.byteLength(text);
}

/** Replaces the case study's files; the content it held before goes when nothing else uses it. */
export function setCaseStudyFiles(db: Db, id: string, files: Readonly<Record<string, string>>, now: number): void {
  db.transaction(() => {
    const before = (db.prepare('SELECT files_hash FROM case_studies WHERE id = ?').get(id) as { files_hash: string | null } | undefined)?.files_hash ?? null;
    const hash = Object.keys(files).length === 0 ? null : storeFiles(db, files);
    db.prepare('UPDATE case_studies SET files_hash = ?, updated_at = ? WHERE id = ?').run(hash, now, id);
    if (before !== null && before !== hash) {
      db.prepare(
        `DELETE FROM submission_files WHERE hash = ?
           AND NOT EXISTS (SELECT 1 FROM case_studies WHERE files_hash = ?)
           AND NOT EXISTS (SELECT 1 FROM submissions WHERE files_hash = ?)
           AND NOT EXISTS (SELECT 1 FROM peer_review_works WHERE files_hash = ?)`,
      ).run(before, before, before, before);
    }
  })();
}

/** Draft or returned → submitted; false when it was in neither state (a race lost). */
export function markCaseStudySubmitted(db: Db, id: string, now: number): boolean {
  return db.prepare("UPDATE case_studies SET status = 'submitted', submitted_at = ?, updated_at = ? WHERE id = ? AND status IN ('draft', 'returned')").run(now, now, id).changes > 0;
}

/**
 * Records a review decision on a submitted case study and moves it on (signed-off with the scored
 * attempt it wrote, or returned to the candidate); false when it was no longer waiting for review.
 */
export function recordCaseStudyReview(
  db: Db,
  input: { caseStudyId: string; reviewerId: string; decision: ReviewDecision; points: Record<string, number>; comment: string; attemptId: string | null; now: number },
): boolean {
  return db.transaction(() => {
    const status: CaseStudyStatus = input.decision === 'sign-off' ? 'signed-off' : 'returned';
    const changed = db
      .prepare("UPDATE case_studies SET status = ?, attempt_id = ?, updated_at = ? WHERE id = ? AND status = 'submitted'")
      .run(status, input.attemptId, input.now, input.caseStudyId).changes;
    if (!changed) return false;
    db.prepare('INSERT INTO case_study_reviews (case_study_id, reviewer_id, decision, points, comment, at) VALUES (?, ?, ?, ?, ?, ?)').run(
      input.caseStudyId,
      input.reviewerId,
      input.decision,
      JSON.stringify(input.points),
      input.comment,
      input.now,
    );
    db.prepare('INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, ?, ?, ?, ?)').run(
      input.reviewerId,
      input.decision === 'sign-off' ? 'case-study.sign-off' : 'case-study.return',
      input.caseStudyId,
      JSON.stringify({ points: input.points }),
      input.now,
    );
    return true;
  })();
}

/** Every review of a case study, oldest first. */
export function reviewsOf(db: Db, caseStudyId: string): CaseStudyReview[] {
  return (
    db
      .prepare(
        `SELECT r.id, r.reviewer_id, u.name AS reviewer_name, r.decision, r.points, r.comment, r.at FROM case_study_reviews r
         JOIN users u ON u.id = r.reviewer_id WHERE r.case_study_id = ? ORDER BY r.at, r.id`,
      )
      .all(caseStudyId) as { id: number; reviewer_id: string; reviewer_name: string; decision: ReviewDecision; points: string; comment: string; at: number }[]
  ).map((r) => ({ id: r.id, reviewerId: r.reviewer_id, reviewerName: r.reviewer_name, decision: r.decision, points: JSON.parse(r.points) as Record<string, number>, comment: r.comment, at: r.at }));
}

/** Case studies of a cohort's members in its program, with the candidate's name; those waiting for review first. */
export function caseStudiesOfCohort(db: Db, cohortId: string, program: string): (CaseStudyRecord & { candidateName: string })[] {
  return (
    db
      .prepare(
        `${SELECT.replace('SELECT c.*,', 'SELECT c.*, u.name AS candidate_name,')}
         JOIN cohort_members m ON m.user_id = c.user_id AND m.cohort_id = ?
         JOIN users u ON u.id = c.user_id
         WHERE c.program = ? AND c.status != 'draft'
         ORDER BY c.status != 'submitted', c.submitted_at DESC`,
      )
      .all(cohortId, program) as (Raw & { candidate_name: string })[]
  ).map((r) => ({ ...toRecord(r), candidateName: r.candidate_name }));
}
