// A data folder with something on every page, built through the domain functions before the server
// starts: a demo cohort (instructor, learners with progress, scored attempts and certificates), one of
// its certified learners, and a learner who has passed the prerequisites and has an attempt running.
// Every account's password is SEEDED_PASSWORD.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoCohort, demoContent } from '../../scripts/lib/demo-cohort.ts';
import { startAttempt } from '../../src/server/assessment/attempts.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { openDatabase } from '../../src/server/db/open.ts';
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
}

export async function seedDataDir(learners = 16): Promise<SeededData> {
  const dataDir = mkdtempSync(join(tmpdir(), 'practicum-seeded-'));
  const db = openDatabase(join(dataDir, 'practicum.sqlite'));
  try {
    migrate(db);
    const passwordHash = await hashPassword(SEEDED_PASSWORD);
    const { cohort } = seedDemoCohort(db, ROOT, { learners, passwordHash, instructorEmail: INSTRUCTOR_EMAIL, cohortName: 'Spring cohort' });
    const certificate = db
      .prepare(
        `SELECT c.id, c.user_id, c.attempt_id, u.email FROM certificates c JOIN users u ON u.id = c.user_id
         WHERE c.revoked_at IS NULL ORDER BY c.issued_at LIMIT 1`,
      )
      .get() as { id: string; user_id: string; attempt_id: string; email: string } | undefined;
    if (!certificate) throw new Error(`the demo cohort of ${learners} learners has no certificate: seed more learners`);

    const { assessment } = demoContent(ROOT);
    const user = createUser(db, { email: CANDIDATE_EMAIL, name: 'Casey Candidate', passwordHash });
    for (const exerciseId of assessment.certification.prerequisites.exercises) {
      const id = insertQueuedSubmission(db, { userId: user.id, exerciseId, files: { 'src/solution.ts': '// passed\n' } });
      completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [] });
    }
    const view = startAttempt(db, { id: user.id, name: user.name, email: user.email }, assessment, Date.now());
    return {
      dataDir,
      cohortId: cohort.id,
      joinCode: cohort.joinCode,
      certified: { id: certificate.user_id, email: certificate.email, certificateId: certificate.id, attemptId: certificate.attempt_id },
      candidate: { id: user.id, email: user.email, attemptId: view.attemptId, taskExercise: view.tasks[0]?.exerciseId ?? '' },
    };
  } finally {
    db.close();
  }
}
