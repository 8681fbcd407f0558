// Candidates for similarity-check tests, made through the domain functions: a learner who joins a
// cohort, has passed the prerequisites, starts a certification attempt, has `finals` stored as the
// graded submissions of its tasks and (unless told to leave it open) submits the attempt.
import { demoContent } from '../../scripts/lib/demo-cohort.ts';
import { openServerStore } from './server.ts';
import { placeFinalSubmission } from '../../scripts/lib/demo-similarity.ts';
import { startAttempt, submitAttempt } from '../../src/server/assessment/attempts.ts';
import { joinCohortByCode } from '../../src/server/cohorts/membership.ts';
import type { Db } from '../../src/server/db/open.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { createUser } from '../../src/server/db/users.ts';
import { ROOT } from './server.ts';

export interface Candidate {
  id: string;
  email: string;
  name: string;
  attemptId: string;
  submissionIds: Record<string, string>;
}

export async function seedCandidate(
  db: Db,
  input: { joinCode: string; email: string; name: string; passwordHash: string; finals: Record<string, Record<string, string>>; now: number; leaveOpen?: boolean },
): Promise<Candidate> {
  const { assessment } = demoContent(ROOT);
  const user = await createUser(db, { email: input.email, name: input.name, passwordHash: input.passwordHash, now: input.now - 60_000 });
  await joinCohortByCode(db, input.joinCode, user.id, input.now - 50_000);
  for (const exerciseId of assessment.certification.levels[0]?.prerequisites.exercises ?? []) {
    const id = await insertQueuedSubmission(db, { userId: user.id, exerciseId, files: { 'src/solution.ts': '// passed\n' }, now: input.now - 40_000 });
    await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [], now: input.now - 40_000 });
  }
  const learner = { id: user.id, name: user.name, email: user.email };
  const view = await startAttempt(db, learner, assessment, input.now);
  const submissionIds: Record<string, string> = {};
  for (const [exerciseId, files] of Object.entries(input.finals)) {
    if (!view.tasks.some((t) => t.exerciseId === exerciseId)) throw new Error(`the attempt has no task ${exerciseId}`);
    submissionIds[exerciseId] = await placeFinalSubmission(db, user.id, view.attemptId, exerciseId, files, input.now + 60_000);
  }
  if (!input.leaveOpen) await submitAttempt(db, learner, view.attemptId, assessment, input.now + 120_000);
  return { id: user.id, email: user.email, name: user.name, attemptId: view.attemptId, submissionIds };
}

/** The page of the highest-scoring flagged pair of a cohort in a data folder (the pages tour). */
export async function firstPairPath(dataDir: string, cohortId: string): Promise<string> {
  const db = await openServerStore(dataDir);
  try {
    const row = await db.get('SELECT id FROM similarity_pairs WHERE cohort_id = ? ORDER BY score DESC, id LIMIT 1', cohortId) as { id: string } | undefined;
    if (!row) throw new Error('the seeded cohort has no similar pair: scripts/lib/demo-similarity.ts should have made some');
    return `/cohorts/${cohortId}/similarity/${row.id}`;
  } finally {
    await db.close();
  }
}
