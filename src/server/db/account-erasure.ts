// What deleting an account does to every table that holds rows of that account, in one place (one
// policy per table, so a new table that refers to users is noticed: tests/unit/account/erasure.test.ts
// fails until it is listed here). The account row itself stays as an anonymous tombstone (migration
// 023): the ids other rows carry keep resolving, a cohort's figures stay what they were, and
// certificates kept publicly verifiable still have an account to belong to, "issued to a deleted
// account". What goes is everything that identifies the person or that they wrote: name, email,
// password hash, sessions, browsers and sign-in counters, drafts, submitted and uploaded files, grading
// output, answers, practice exams, free-text feedback and review comments. What stays are anonymous
// facts the cohort's reports count (lessons done, exercises passed, scores, ratings).
import type { Db } from './open.ts';
import type { Dialect } from './store.ts';
import { named } from './named.ts';
import { foreignKeysTo, tableExists } from './dialect.ts';
import { storeFiles } from './submissions.ts';

/** What becomes of the holder's certificates: still verifiable (naming no one), or withdrawn (revoked). */
export type CertificateChoice = 'keep-public' | 'withdraw';

export const WITHDRAWN_REASON = 'Withdrawn at the holder’s request';

interface TablePolicy {
  /** What happens to the deleted account's rows and why. */
  why: string;
  /**
   * Run in order with @user (account id), @email, @name (the tombstone's), @now, @empty (hash of no
   * files) bound. None: kept as they are. A statement the engines spell differently names both.
   */
  sql: readonly (string | Readonly<Record<Dialect, string>>)[];
}

/**
 * Every table that refers to an account (a foreign key to users, or a key made of the account id or
 * email), tables of features not installed yet included: a statement only runs when its table exists.
 */
export const ERASURE: Readonly<Record<string, TablePolicy>> = {
  users: {
    why:
      'Tombstone: name becomes "Deleted learner", the email a value no sign-in or sign-up can reach, the password hash empty (no password verifies), the holder identifier (credentials’ subject) gone.',
    sql: ["UPDATE users SET name = @name, email = 'deleted:' || id, password_hash = '', holder_id = NULL, deleted_at = @now WHERE id = @user"],
  },
  sessions: { why: 'Signed out everywhere.', sql: ['DELETE FROM sessions WHERE user_id = @user'] },
  known_devices: { why: 'Browsers that signed in to the account.', sql: ['DELETE FROM known_devices WHERE user_id = @user'] },
  sign_in_attempts: {
    why: 'Sign-in counters keyed by the account’s email or by (browser, account); per-address counters name no account.',
    sql: ["DELETE FROM sign_in_attempts WHERE (scope = 'account' AND key = lower(@email)) OR (scope = 'device' AND key LIKE '%:' || @user)"],
  },
  rate_limits: { why: 'Limits counted per account (writes, drafts, grading, exports, deletion attempts).', sql: ['DELETE FROM rate_limits WHERE key = @user'] },
  drafts: { why: 'Code the learner wrote and never submitted.', sql: ['DELETE FROM drafts WHERE user_id = @user'] },
  submissions: {
    why: 'Submitted files and the grading output (which can quote them) go; status, score, failed test names and times stay for the cohort’s exercise figures.',
    sql: ["UPDATE submissions SET files = '{}', files_hash = NULL, result = NULL WHERE user_id = @user"],
  },
  case_studies: { why: 'Uploaded design and code go; the state (submitted, signed off) stays.', sql: ['UPDATE case_studies SET files_hash = NULL WHERE user_id = @user'] },
  attempts: {
    why: 'Answers, flags and the options chosen (in the breakdown) go; the paper, marks and scores stay (reports, question statistics, certificates).',
    sql: [
      {
        sqlite: `UPDATE attempts SET answers = '{}', flags = '[]',
         breakdown = CASE WHEN breakdown IS NULL THEN NULL ELSE json_set(breakdown, '$.questions', json((
           SELECT json_group_array(json_set(q.value, '$.chosen', json('[]'))) FROM json_each(attempts.breakdown, '$.questions') q))) END
       WHERE user_id = @user`,
        postgres: `UPDATE attempts SET answers = '{}', flags = '[]',
         breakdown = CASE WHEN breakdown IS NULL THEN NULL ELSE CAST(jsonb_set(CAST(breakdown AS jsonb), '{questions}', COALESCE((
           SELECT jsonb_agg(jsonb_set(q.value, '{chosen}', CAST('[]' AS jsonb)) ORDER BY q.n)
           FROM jsonb_array_elements(CAST(attempts.breakdown AS jsonb) -> 'questions') WITH ORDINALITY q (value, n)), CAST('[]' AS jsonb))) AS TEXT) END
       WHERE user_id = @user`,
      },
    ],
  },
  practice_papers: { why: 'Practice exams count nowhere: removed with their answers.', sql: ['DELETE FROM practice_papers WHERE user_id = @user'] },
  check_answers: { why: 'The option text chosen goes; right or wrong stays.', sql: ['UPDATE check_answers SET chosen = NULL WHERE user_id = @user'] },
  feedback: { why: 'The written comment goes; the 1–5 ratings stay in the cohort’s averages.', sql: ["UPDATE feedback SET comment = '' WHERE user_id = @user"] },
  peer_review_works: {
    why: 'Work put up for review: its files snapshot becomes empty, and what reviewers wrote about it (line comments anchored to the erased files, overall comments) goes; their rubric points stay.',
    sql: [
      'UPDATE peer_review_works SET files_hash = @empty WHERE author_id = @user',
      'DELETE FROM peer_review_comments WHERE assignment_id IN (SELECT a.id FROM peer_review_assignments a JOIN peer_review_works w ON w.id = a.work_id WHERE w.author_id = @user)',
      "UPDATE peer_review_assignments SET comment = '' WHERE work_id IN (SELECT id FROM peer_review_works WHERE author_id = @user)",
    ],
  },
  peer_review_assignments: {
    why: 'Reviews the learner wrote: the overall comment and their line comments go; rubric points stay (they count towards the reviewed work).',
    sql: [
      'DELETE FROM peer_review_comments WHERE assignment_id IN (SELECT id FROM peer_review_assignments WHERE reviewer_id = @user)',
      "UPDATE peer_review_assignments SET comment = '' WHERE reviewer_id = @user",
    ],
  },
  homework_reviews: {
    why: 'Reviews of the learner’s homework: the feedback written to them about work now erased goes; the verdict stays. Reviews the account wrote as a reviewer stay.',
    sql: ["UPDATE homework_reviews SET feedback = '' WHERE submission_id IN (SELECT id FROM submissions WHERE user_id = @user)"],
  },
  program_feedback: { why: 'The written answers of the end-of-program form go; the 1–5 ratings stay in the program’s figures.', sql: ["UPDATE program_feedback SET answers = '{}' WHERE user_id = @user"] },
  similarity_pairs: {
    why: 'Kept: a flagged pair is the other learner’s record too; it holds scores and positions, and the code they point at is erased with the submissions.',
    sql: [],
  },
  submission_files: { why: 'Contents the account pointed at and nothing else does any more are removed (see dropUnusedFiles); contents others share stay.', sql: [] },
  // Kept: anonymous facts the cohort's figures are made of, or records that belong to someone else.
  cohort_members: { why: 'Kept: the tombstone stays on the cohort’s roster as "Deleted learner", so the cohort’s counts do not change.', sql: [] },
  lesson_progress: { why: 'Kept: lessons completed (completion figures).', sql: [] },
  learner_lessons: { why: 'Kept: the projection of lesson_progress.', sql: [] },
  learner_exercises: { why: 'Kept: per-exercise first try, first pass, tries (exercise figures).', sql: [] },
  learner_passes: { why: 'Kept: the projection of exercises passed.', sql: [] },
  exercise_starts: { why: 'Kept: when an exercise was started (time to pass).', sql: [] },
  attempt_results: { why: 'Kept: scores per attempt (certification and competency figures).', sql: [] },
  solution_views: { why: 'Kept: which solutions were opened (a cohort figure).', sql: [] },
  certificates: { why: 'Handled by the holder’s choice: see certificateErasure().', sql: [] },
  audit_log: { why: 'Kept: what staff and the account did; entries name the tombstone.', sql: [] },
  cohorts: { why: 'Refused before anything runs: an instructor who runs cohorts cannot delete their account here.', sql: [] },
  case_study_reviews: {
    why: 'Reviews of the learner’s case studies: the comment (written to them about work now erased) goes; the decision and points, the record a certificate stands on, stay. Reviews the account wrote as a reviewer stay.',
    sql: ["UPDATE case_study_reviews SET comment = '' WHERE case_study_id IN (SELECT id FROM case_studies WHERE user_id = @user)"],
  },
  cohort_waivers: { why: 'Kept: which instructor waived a holding period.', sql: [] },
};

/**
 * The holder's certificates: none names them any more (PDFs on disk are removed by the caller);
 * with 'withdraw' the standing ones are revoked (their status-list bit set) as withdrawn at their
 * request. Returns the PDF files to remove.
 */
async function certificateErasure(db: Db, userId: string, choice: CertificateChoice, now: number): Promise<{ pdfPaths: string[]; kept: number; withdrawn: number }> {
  const pdfPaths = (await db.all('SELECT pdf_path FROM certificates WHERE user_id = ? AND pdf_path IS NOT NULL', userId) as { pdf_path: string }[]).map((r) => r.pdf_path);
  let withdrawn = 0;
  if (choice === 'withdraw') {
    const standing = await db.all('SELECT id FROM certificates WHERE user_id = ? AND revoked_at IS NULL', userId) as { id: string }[];
    const revoke = 'UPDATE certificates SET revoked_at = ?, revoked_reason = ?, revoked_by = ?, withdrawn = 1 WHERE id = ? AND revoked_at IS NULL';
    const audit = "INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, 'certificate.revoke', ?, ?, ?)";
    for (const { id } of standing) {
      withdrawn += (await db.run(revoke, now, WITHDRAWN_REASON, userId, id)).changes;
      await db.run(audit, userId, id, JSON.stringify({ reason: WITHDRAWN_REASON }), now);
    }
  }
  const all = (await db.run("UPDATE certificates SET learner_name = '', learner_email = '', pdf_path = NULL, holder_deleted_at = ? WHERE user_id = ?", now, userId)).changes;
  return { pdfPaths, kept: all - withdrawn, withdrawn };
}

/** What deleting the account needs to know first: its password hash and how many certificates it holds; null once deleted. */
export async function deletableAccount(db: Db, userId: string): Promise<{ passwordHash: string; certificates: number } | null> {
  const row = await db.get('SELECT password_hash, (SELECT COUNT(*) FROM certificates WHERE user_id = users.id) AS certificates FROM users WHERE id = ? AND deleted_at IS NULL', userId) as { password_hash: string; certificates: number } | undefined;
  return row ? { passwordHash: row.password_hash, certificates: row.certificates } : null;
}


const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Removes the stored contents among `hashes` that no row points at any more (contents are shared across accounts). */
async function dropUnusedFiles(db: Db, hashes: readonly string[]): Promise<void> {
  const users = (await foreignKeysTo(db, 'submission_files')).map((r) => `SELECT 1 FROM ${quoted(r.table)} WHERE ${quoted(r.column)} = @hash`);
  const used = users.length ? users.join(' UNION ALL ') + ' LIMIT 1' : 'SELECT NULL WHERE 1 = 0';
  const drop = 'DELETE FROM submission_files WHERE hash = ?';
  for (const hash of new Set(hashes)) if (await db.get(...named(used, { hash })) === undefined) await db.run(drop, hash);
}

/** The stored contents the account points at: what it submitted, uploaded and put up for review. */
async function filesOf(db: Db, userId: string): Promise<string[]> {
  const sources = [
    'SELECT files_hash AS hash FROM submissions WHERE user_id = @user AND files_hash IS NOT NULL',
    'SELECT files_hash AS hash FROM case_studies WHERE user_id = @user AND files_hash IS NOT NULL',
    ...(await tableExists(db, 'peer_review_works') ? ['SELECT files_hash AS hash FROM peer_review_works WHERE author_id = @user'] : []),
  ];
  return (await db.all(...named(sources.join(' UNION '), { user: userId })) as { hash: string }[]).map((r) => r.hash);
}

export interface ErasureOutcome {
  /** Certificate PDFs to remove from disk (they print the holder's name). */
  pdfPaths: string[];
  certificatesKept: number;
  certificatesWithdrawn: number;
}

/** Erases the account's personal data in one transaction (see ERASURE); the caller has checked who asks. */
export async function eraseAccount(db: Db, userId: string, choice: CertificateChoice, now = Date.now()): Promise<ErasureOutcome> {
  return await db.transaction(async (tx): Promise<ErasureOutcome> => {
    const user = await tx.get('SELECT email, role FROM users WHERE id = ? AND deleted_at IS NULL', userId) as { email: string; role: string } | undefined;
    if (!user) throw new Error(`account ${userId} does not exist or is already deleted`);
    const certificates = await certificateErasure(tx, userId, choice, now);
    const files = await filesOf(tx, userId);
    const empty = await storeFiles(tx, {});
    const params = { user: userId, email: user.email, name: user.role === 'learner' ? 'Deleted learner' : 'Deleted account', now, empty };
    for (const [table, policy] of Object.entries(ERASURE)) {
      if (policy.sql.length === 0 || !await tableExists(tx, table)) continue;
      for (const sql of policy.sql) await tx.run(...named(typeof sql === 'string' ? sql : sql[tx.dialect], params));
    }
    await dropUnusedFiles(tx, files.filter((hash) => hash !== empty));
    await tx.run("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (?, 'account.delete', ?, ?, ?)", userId,
      userId,
      JSON.stringify({ certificates: choice, kept: certificates.kept, withdrawn: certificates.withdrawn }),
      now);
    return { pdfPaths: certificates.pdfPaths, certificatesKept: certificates.kept, certificatesWithdrawn: certificates.withdrawn };
  });
}
