// A data folder with something on every page, built through the domain functions before the server
// starts: a demo cohort (instructor, learners with progress, scored attempts and certificates), one of
// its certified learners, a learner who has passed the prerequisites and has an attempt running, an
// alumni's case study waiting for review, and a practice exam.
// Every account's password is SEEDED_PASSWORD.
import { mkdtempSync } from 'node:fs';
import { openServerStore } from './server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoCohort, demoContent } from '../../scripts/lib/demo-cohort.ts';
import { startAttempt } from '../../src/server/assessment/attempts.ts';
import { startPractice } from '../../src/server/assessment/practice.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { createUser } from '../../src/server/db/users.ts';
import { ROOT } from './server.ts';

export const SEEDED_PASSWORD = 'seeded-password-1';
export const INSTRUCTOR_EMAIL = 'teach@example.com';
export const CANDIDATE_EMAIL = 'candidate@example.com';

export interface SeededData {
  dataDir: string;
  cohortId: string;
  joinCode: string;
  /** A cohort member holding a certificate. */
  certified: { id: string; email: string; certificateId: string; attemptId: string };
  /** Passed every prerequisite; has an open attempt. */
  candidate: { id: string; email: string; attemptId: string; taskExercise: string };
  /** An alumni's Expert case study waiting for the instructor's review. */
  caseStudyId: string;
  /** A practice exam of the certified learner, not yet submitted. */
  practiceId: string;
  /** Peer review: a learner with a review in progress on `openWorkId`, and a project with submitted reviews and line comments. */
  peerReview: { reviewerEmail: string; openWorkId: string; reviewedWorkId: string };
}

export async function seedDataDir(learners = 16): Promise<SeededData> {
  const dataDir = mkdtempSync(join(tmpdir(), 'practicum-seeded-'));
  const db = await openServerStore(dataDir);
  try {
    await migrate(db);
    const passwordHash = await hashPassword(SEEDED_PASSWORD);
    const { cohort } = await seedDemoCohort(db, ROOT, { learners, passwordHash, instructorEmail: INSTRUCTOR_EMAIL, cohortName: 'Spring cohort' });
    // A certificate of the cohort itself (the demo's alumni cohort holds older ones, some expired).
    const certificate = await db.get(`SELECT c.id, c.user_id, c.attempt_id, u.email FROM certificates c JOIN users u ON u.id = c.user_id
         JOIN cohort_members m ON m.user_id = c.user_id AND m.cohort_id = ?
         WHERE c.revoked_at IS NULL ORDER BY c.issued_at LIMIT 1`, cohort.id) as { id: string; user_id: string; attempt_id: string; email: string } | undefined;
    if (!certificate) throw new Error(`the demo cohort of ${learners} learners has no certificate: seed more learners`);

    const { assessment } = demoContent(ROOT);
    const user = await createUser(db, { email: CANDIDATE_EMAIL, name: 'Casey Candidate', passwordHash });
    for (const exerciseId of assessment.certification.levels[0]?.prerequisites.exercises ?? []) {
      const id = await insertQueuedSubmission(db, { userId: user.id, exerciseId, files: { 'src/solution.ts': '// passed\n' } });
      await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [] });
    }
    const view = await startAttempt(db, { id: user.id, name: user.name, email: user.email }, assessment, Date.now());
    const inReview = await db.get("SELECT id FROM case_studies WHERE status = 'submitted' ORDER BY submitted_at LIMIT 1") as { id: string } | undefined;
    if (!inReview) throw new Error('the demo alumni cohort has no case study waiting for review');
    const practice = await startPractice(db, { id: certificate.user_id, name: '', email: certificate.email }, assessment, 'associate', Date.now());
    const open = await db.get(`SELECT a.work_id, u.email FROM peer_review_assignments a JOIN users u ON u.id = a.reviewer_id JOIN peer_review_works w ON w.id = a.work_id
         WHERE w.cohort_id = ? AND a.status = 'draft' AND EXISTS (SELECT 1 FROM peer_review_comments c WHERE c.assignment_id = a.id) ORDER BY a.assigned_at LIMIT 1`, cohort.id) as { work_id: string; email: string } | undefined;
    const reviewed = await db.get(`SELECT a.work_id FROM peer_review_assignments a JOIN peer_review_works w ON w.id = a.work_id
         WHERE w.cohort_id = ? AND a.status = 'submitted' AND a.helpfulness IS NOT NULL ORDER BY a.submitted_at LIMIT 1`, cohort.id) as { work_id: string } | undefined;
    if (!open || !reviewed) throw new Error(`the demo cohort of ${learners} learners has no peer review in progress or rated: seed more learners`);
    return {
      dataDir,
      cohortId: cohort.id,
      joinCode: cohort.joinCode,
      certified: { id: certificate.user_id, email: certificate.email, certificateId: certificate.id, attemptId: certificate.attempt_id },
      candidate: { id: user.id, email: user.email, attemptId: view.attemptId, taskExercise: view.tasks[0]?.exerciseId ?? '' },
      caseStudyId: inReview.id,
      practiceId: practice.practiceId,
      peerReview: { reviewerEmail: open.email, openWorkId: open.work_id, reviewedWorkId: reviewed.work_id },
    };
  } finally {
    await db.close();
  }
}
