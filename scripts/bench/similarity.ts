// Similarity check time for a cohort of 300 candidates (target < 10 s): each candidate takes a
// certification attempt through the domain functions, and its four Associate tasks get final
// submissions generated from the fixture and reference solutions (varied names, comments, spacing
// and statements, many of them heavily, as independent solutions differ; one in ten copies another
// candidate's code and varies it lightly, as a copy differs); then the same
// checkCohort the server runs is timed over every task of the certification (one run, cold: the
// background job fingerprints from scratch each time too).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/server/auth/password.ts';
import { createRng } from '../../src/server/assessment/draw.ts';
import { startAttempt, submitAttempt } from '../../src/server/assessment/attempts.ts';
import { createCohort } from '../../src/server/cohorts/create.ts';
import { joinCohortByCode } from '../../src/server/cohorts/membership.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { openDatabase } from '../../src/server/db/open.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { createUser } from '../../src/server/db/users.ts';
import { checkCohort, similarityThreshold } from '../../src/server/similarity/check.ts';
import { demoContent } from '../lib/demo-cohort.ts';
import { baseSolutions, diskTaskSpecs, placeFinalSubmission, vary, variedFindings } from '../lib/demo-similarity.ts';
import { verdict } from './stats.ts';

export const SIMILARITY_TARGET_MS = 10_000;

export interface SimilarityBench {
  candidates: number;
  submissions: number;
  pairs: number;
  ms: number;
  seedSeconds: number;
  ok: boolean;
}

export async function benchSimilarity(root: string, candidates = 300): Promise<SimilarityBench> {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-bench-sim-'));
  const db = openDatabase(join(dir, 'practicum.sqlite'));
  try {
    await migrate(db);
    const seedStart = performance.now();
    const passwordHash = await hashPassword('bench-password-1');
    const { assessment, dashboard } = demoContent(root);
    const tasks = diskTaskSpecs(root, assessment.certification);
    const associate = ['cert-release-entity', 'cert-leaky-service', 'cert-bulk-status', 'cert-code-review'];
    const rng = createRng(20261130);
    const now = Date.now() - 86_400_000;
    const instructor = await createUser(db, { email: 'bench-similarity@practicum.local', name: 'Bench', passwordHash, role: 'instructor', now: now - 86_400_000 });
    const cohort = await createCohort(db, instructor, { name: `Similarity bench (${candidates})`, program: dashboard.program.id, sessionDates: ['2026-11-01', '2026-11-04', '2026-11-07'] }, [dashboard.program], now - 86_400_000);
    const previous = new Map<string, Record<string, string>[]>();
    await db.transaction(async (tx) => {
      for (let i = 0; i < candidates; i++) {
        const at = now + i * 1000;
        const user = await createUser(tx, { email: `candidate${i}@bench.practicum.local`, name: `Candidate ${i}`, passwordHash, now: at - 60_000 });
        await joinCohortByCode(tx, cohort.joinCode, user.id, at - 50_000);
        for (const exerciseId of assessment.certification.levels[0]?.prerequisites.exercises ?? []) {
          const id = await insertQueuedSubmission(tx, { userId: user.id, exerciseId, files: { 'src/solution.ts': '// passed\n' }, now: at - 40_000 });
          await completeSubmission(tx, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [], now: at - 40_000 });
        }
        const learner = { id: user.id, name: user.name, email: user.email };
        const view = await startAttempt(tx, learner, assessment, at, rng);
        for (const exerciseId of associate) {
          const spec = tasks.find((t) => t.exerciseId === exerciseId);
          if (!spec) throw new Error(`bench: no task ${exerciseId} in certification.json`);
          const seen = previous.get(exerciseId) ?? [];
          let files: Record<string, string>;
          if (spec.kind === 'review') files = variedFindings(spec.key, rng, ['identity', 'validation', 'timezone', 'events', 'performance', 'types', 'testing']);
          else {
            const copyFrom = seen.length > 0 && rng() < 0.1 ? seen[Math.floor(rng() * seen.length)] : undefined;
            const bases = baseSolutions(root, exerciseId);
            const base = copyFrom ?? bases[Math.floor(rng() * bases.length)] ?? {};
            files = Object.fromEntries(Object.entries(base).map(([path, text]) => [path, vary(text, rng, copyFrom ? 'light' : 'heavy')]));
          }
          seen.push(files);
          previous.set(exerciseId, seen);
          await placeFinalSubmission(tx, user.id, view.attemptId, exerciseId, files, at + 60_000);
        }
        await submitAttempt(tx, learner, view.attemptId, assessment, at + 120_000);
      }
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const started = performance.now();
    const outcome = await checkCohort(db, cohort, tasks, similarityThreshold());
    const ms = performance.now() - started;
    return { candidates, submissions: outcome.submissions, pairs: outcome.pairs, ms, seedSeconds, ok: ms < SIMILARITY_TARGET_MS };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSimilarityBench(b: SimilarityBench): string {
  return `similarity check, ${b.candidates} candidates × 4 tasks (${b.submissions} final submissions, ${b.pairs.toLocaleString('en')} pairs flagged): ${(b.ms / 1000).toFixed(2)} s (target < ${SIMILARITY_TARGET_MS / 1000} s) ${verdict(b.ok)}  [seeded in ${b.seedSeconds.toFixed(1)} s]`;
}
