// Public entry of the sandboxed grader: createGrader() starts a pool of warm vitest slots (one
// per core by default) behind a bounded queue, and grade(exercise, submission) turns one submission
// into a GradeResult — the only thing on the platform that grants credit. The exercise comes parsed
// (content/exercise-folder.ts: definition, folder, file lists, reference library); the grader reads
// no exercise.json of its own.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { GradeResult } from '../../lib/grade-result.ts';
import type { Submission } from '../../lib/contracts/submission.ts';
import type { LoadedExercise } from '../content/exercise-folder.ts';
import { gradeProject } from './kinds/project-checks.ts';
import { gradeReview } from './kinds/review.ts';
import { gradeWriteTests } from './kinds/write-tests.ts';
import type { GradingEnv } from './sandbox-run.ts';
import type { BudgetSettings } from './grading-budget.ts';
import { SlotQueue, type GradingPriority, type QueueStats } from './slot-queue.ts';
import { readSubmissionDir } from './submission-dir.ts';
import { checkedFor, type CheckedSubmission } from './submission.ts';
import { VitestSlot } from './vitest-slot.ts';
import { createWorkDir, removeStaleWorkDirs } from './work-dirs.ts';

export { BudgetExceededError, GraderClosedError, InvalidSubmissionError, LearnerBusyError, QueueFullError } from './errors.ts';
export { checkSubmission, type CheckedSubmission } from './submission.ts';
export type { GradingPriority } from './slot-queue.ts';

export interface GraderOptions {
  /** Project root: its node_modules (and each exercise's reference library) are what a run may use. */
  projectRoot: string;
  /** Default <projectRoot>/solutions (used by gradeSolution). */
  solutionsDir?: string;
  /** Warm slots; default one per core (at most 8). */
  poolSize?: number;
  /** Submissions that may wait for a slot before QueueFullError; default 8 per slot. */
  queueLimit?: number;
  /** Worker time one learner (GradeOptions.owner) may use per window; default 30 s a minute. */
  budget?: BudgetSettings;
  /** V8 heap cap per sandboxed child in MB (resident memory is capped at twice this); default 256. */
  memoryLimitMb?: number;
  /** Rebuild a slot's vitest instance after this many runs; default 200. */
  recycleAfterRuns?: number;
  /** Test-only: turn off the static source checks to prove the runtime defences hold alone. */
  staticChecks?: boolean;
  /** Test-only: also turn off the runtime shadowing of globals, leaving the permission model alone. */
  runtimeShadow?: boolean;
}

export interface GradeOptions {
  signal?: AbortSignal;
  /** 'hidden' (default) grants credit; 'visible' runs the visible tests for practice. */
  include?: 'hidden' | 'visible';
  /** The learner the run is for: one queued-or-running run each, within their time budget. */
  owner?: string;
  /** Certification-attempt work is graded ahead of practice work. */
  priority?: GradingPriority;
}

export interface GraderStats extends QueueStats {
  poolSize: number;
}

export interface Grader {
  /**
   * Grades `submission` ({files}, {findings} for a code review, or what checkSubmission() returned for
   * this exercise's definition, which is not checked twice). Throws InvalidSubmissionError before
   * anything runs when it cannot be graded.
   */
  grade(exercise: LoadedExercise, submission: Submission | CheckedSubmission, options?: GradeOptions): Promise<GradeResult>;
  /** Grades the reference solution in solutions/<id>/ (content checks: it must pass). */
  gradeSolution(exercise: LoadedExercise, options?: GradeOptions): Promise<GradeResult>;
  stats(): GraderStats;
  close(): Promise<void>;
}

const WARM_UP_TEST = "import { test, expect } from 'vitest';\ntest('warm-up', () => { expect(1 + 1).toBe(2); });\n";

async function warmUp(slot: VitestSlot, dir: string): Promise<void> {
  const file = join(dir, 'warm-up.test.ts');
  await mkdir(dir, { recursive: true });
  await writeFile(file, WARM_UP_TEST);
  await slot.execute({
    runDir: dir,
    learnerFiles: new Map(),
    allowedImports: new Map(),
    reference: undefined,
    testFiles: new Set([file]),
    testFileList: [file],
    canaryName: undefined,
    limits: { timeLimitMs: 30_000, memoryLimitBytes: 2 * 1024 * 1024 * 1024 },
  });
}

export async function createGrader(options: GraderOptions): Promise<Grader> {
  const projectRoot = options.projectRoot;
  const solutionsDir = options.solutionsDir ?? join(projectRoot, 'solutions');
  const poolSize = Math.max(1, options.poolSize ?? Math.min(availableParallelism(), 8));
  const memoryLimitMb = options.memoryLimitMb ?? 256;
  const staticChecks = options.staticChecks ?? true;
  await removeStaleWorkDirs();
  const workDir = await createWorkDir();
  const runsDir = join(workDir, 'runs');
  const slots = await Promise.all(
    Array.from({ length: poolSize }, async (_, i) => {
      const slot = await VitestSlot.create({
        projectRoot,
        workDir: join(workDir, `slot-${i}`),
        memoryLimitMb,
        recycleAfterRuns: options.recycleAfterRuns ?? 200,
        runtimeShadow: options.runtimeShadow ?? true,
      });
      await warmUp(slot, join(workDir, `warm-up-${i}`));
      return slot;
    }),
  );
  const queue = new SlotQueue(slots, { limit: options.queueLimit ?? poolSize * 8, ...(options.budget ? { budget: options.budget } : {}) });
  let closing: Promise<void> | undefined;

  async function grade(exercise: LoadedExercise, submission: Submission | CheckedSubmission, gradeOptions: GradeOptions = {}): Promise<GradeResult> {
    const checked = checkedFor(exercise.definition, submission);
    const submitted = checked.files;
    const include = gradeOptions.include ?? 'hidden';
    if (exercise.definition.kind === 'review') return gradeReview(exercise, checked.findings);
    return queue.run((slot) => {
      const env: GradingEnv = { slot, runsDir, staticChecks, memoryLimitMb, signal: gradeOptions.signal };
      return exercise.definition.kind === 'write-tests'
        ? gradeWriteTests(env, exercise, submitted, include)
        : gradeProject(env, exercise, submitted, include);
    }, { signal: gradeOptions.signal, owner: gradeOptions.owner, priority: gradeOptions.priority });
  }

  async function gradeSolution(exercise: LoadedExercise, gradeOptions: GradeOptions = {}): Promise<GradeResult> {
    return grade(exercise, await readSubmissionDir(join(solutionsDir, exercise.definition.id), exercise.definition), gradeOptions);
  }

  return {
    grade,
    gradeSolution,
    stats: () => ({ ...queue.stats(), poolSize }),
    close() {
      closing ??= (async () => {
        await queue.close();
        await Promise.all(slots.map((s) => s.close()));
        await rm(workDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
