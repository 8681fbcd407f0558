// One execution of test files in a slot: fresh run folder, sandbox context (learner files,
// allowlists, canary), limits, and removal of the folder afterwards whatever happens.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { LoadedExercise } from '../content/exercise-folder.ts';
import { placeInRunDir, type LearnerSources } from './learner-sources.ts';
import { createRunDir, populateRunDir, removeRunDir } from './run-dir.ts';
import type { SubmittedFiles } from './submission.ts';
import type { SlotOutcome, VitestSlot } from './vitest-slot.ts';

export interface GradingEnv {
  slot: VitestSlot;
  /** Parent folder of run folders. */
  runsDir: string;
  staticChecks: boolean;
  memoryLimitMb: number;
  signal?: AbortSignal | undefined;
}

export interface SandboxExecution {
  exercise: LoadedExercise;
  files: SubmittedFiles;
  /** Test files relative to the exercise's tests/ folder, copied into the run. */
  copiedTests: readonly string[];
  /** Test files to execute, relative to the run folder (e.g. 'tests/hidden/x.test.ts'). */
  runTests: readonly string[];
  overrides?: ReadonlyMap<string, string>;
  withCanary: boolean;
  /** The learner's files as prepared by prepareLearnerSources (paths relative to starter/). */
  sources: LearnerSources;
  /** Files (relative to starter/) whose coverage the run measures (vitest-slot.ts). */
  coverage?: readonly string[];
}

export interface SandboxResult {
  outcome: SlotOutcome;
  canaryName: string | undefined;
}

export async function executeInSandbox(env: GradingEnv, exec: SandboxExecution): Promise<SandboxResult> {
  const runDir = await createRunDir(env.runsDir);
  try {
    const contents = { exercise: exec.exercise, files: exec.files, tests: exec.copiedTests };
    await populateRunDir(runDir, exec.overrides ? { ...contents, overrides: exec.overrides } : contents);
    const sources = placeInRunDir(exec.sources, runDir);
    const testFileList = exec.runTests.map((t) => join(runDir, t));
    const canaryName = exec.withCanary ? `integrity canary ${randomUUID()}` : undefined;
    const outcome = await env.slot.execute({
      runDir,
      learnerFiles: sources.learnerFiles,
      allowedImports: sources.allowedImports,
      testFiles: new Set(testFileList),
      testFileList,
      canaryName,
      reference: exec.exercise.reference,
      limits: {
        timeLimitMs: exec.exercise.definition.timeLimitMs,
        memoryLimitBytes: env.memoryLimitMb * 2 * 1024 * 1024,
      },
      signal: env.signal,
      coverage: exec.coverage ? { root: join(runDir, 'starter'), files: exec.coverage.map((p) => join(runDir, 'starter', p)) } : undefined,
    });
    return { outcome, canaryName };
  } finally {
    await removeRunDir(runDir);
  }
}
